package dev.sable.prover;

/** An error or a recovered panic inside the native (Go) library, with Go's message. */
public final class NativeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NativeException(String message) {
    super(message);
  }
}
