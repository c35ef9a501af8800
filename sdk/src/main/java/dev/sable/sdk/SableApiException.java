package dev.sable.sdk;

/** The node refused a request: its HTTP status and stable error code (docs/node.md). */
public final class SableApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  public SableApiException(int status, String code, String message) {
    super(code + ": " + message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
