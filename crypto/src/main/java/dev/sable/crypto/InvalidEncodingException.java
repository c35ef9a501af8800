package dev.sable.crypto;

/** Bytes that are not the canonical encoding of a valid key, point or signature. */
public final class InvalidEncodingException extends IllegalArgumentException {
  public InvalidEncodingException(String message) {
    super(message);
  }
}
