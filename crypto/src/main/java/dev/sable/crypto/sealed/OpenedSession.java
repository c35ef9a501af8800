package dev.sable.crypto.sealed;

/** The node's side of one sealed session: opens the messages sealed under its key. */
public final class OpenedSession {
  private final SessionCipher cipher;

  OpenedSession(SessionCipher cipher) {
    this.cipher = cipher;
  }

  /**
   * The plaintext of a message of this session; a {@link SealedMessageException} if it was not
   * sealed under this session (tampered, another session, another deployment's info).
   */
  public byte[] open(SealedMessage message) {
    return cipher.open(message.seq(), message.ciphertext());
  }
}
