package dev.sable.crypto.sealed;

/** A sealed message that cannot be opened or decoded: its message says why, never its contents. */
public final class SealedMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SealedMessageException(String message) {
    super(message);
  }
}
