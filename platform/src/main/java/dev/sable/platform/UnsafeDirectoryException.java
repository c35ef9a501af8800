package dev.sable.platform;

/**
 * A directory meant to be private is not: another user owns it, or it is a link or not a directory.
 * The message names it and says what to do.
 */
public final class UnsafeDirectoryException extends RuntimeException {
  public UnsafeDirectoryException(String message) {
    super(message);
  }
}
