package dev.sable.node.error;

/**
 * A refusal with its stable code. The message says what is wrong in general terms (which field,
 * which rule), never the values of a trader's request.
 */
public final class NodeError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public NodeError(ErrorCode code, String message) {
    super(message, null, false, false); // no stack trace: refusals are expected and frequent
    this.code = code;
  }

  public NodeError(ErrorCode code) {
    this(code, code.description());
  }

  public ErrorCode code() {
    return code;
  }
}
