package dev.sable.node.pipeline;

/** The bridge verifies proofs with another verifying key than the node's. */
public final class VerifierMismatchException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public VerifierMismatchException(String message) {
    super(message);
  }
}
