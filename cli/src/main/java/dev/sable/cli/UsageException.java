package dev.sable.cli;

/** An argument failed validation before any work started; the message says which and why. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
