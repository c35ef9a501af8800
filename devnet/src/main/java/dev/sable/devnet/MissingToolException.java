package dev.sable.devnet;

/** A tool the command needs is not installed; the message says how to install it. */
public final class MissingToolException extends RuntimeException {
  public MissingToolException(String message) {
    super(message);
  }
}
