package dev.sable.crypto.sealed;

/**
 * A request sealed to the node: the HPKE encapsulation that names the session, the message number
 * within it, and the ciphertext. A sender may use a new encapsulation for every message (one X25519
 * each side) or keep one per session (the node caches the session key by encapsulation).
 */
public record SealedMessage(byte[] enc, long seq, byte[] ciphertext) {
  public SealedMessage {
    if (enc.length != IntakeSuite.KEY_BYTES) {
      throw new SealedMessageException("encapsulation needs 32 bytes, got " + enc.length);
    }
    if (seq < 0) {
      throw new SealedMessageException("message number is negative");
    }
  }
}
