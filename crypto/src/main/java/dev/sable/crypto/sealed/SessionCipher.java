package dev.sable.crypto.sealed;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * ChaCha20-Poly1305 under a session key exported from an HPKE context (RFC 9180, section 9.8 lets
 * applications derive keys with the exporter), with an explicit message number as the nonce. HPKE's
 * own context numbers messages implicitly, so its messages must be opened in the order they were
 * sealed; requests sent over several connections arrive in any order, hence the explicit number. A
 * sender never reuses a number under one session (the SDK counts up); the node does not need to
 * track numbers, since every sealed request is itself a signed, replay-guarded message.
 */
final class SessionCipher {
  static final int KEY_BYTES = 32;
  static final int TAG_BYTES = 16;
  private static final byte[] NO_AAD = new byte[0];

  private final byte[] key;

  SessionCipher(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("session key needs 32 bytes");
    }
    this.key = key.clone();
  }

  byte[] seal(long seq, byte[] plaintext) {
    return run(true, seq, plaintext);
  }

  /** The plaintext, or a {@link SealedMessageException} if the ciphertext is not authentic. */
  byte[] open(long seq, byte[] ciphertext) {
    if (ciphertext.length < TAG_BYTES) {
      throw new SealedMessageException("ciphertext shorter than its tag");
    }
    return run(false, seq, ciphertext);
  }

  private byte[] run(boolean encrypt, long seq, byte[] input) {
    ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    aead.init(
        encrypt, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce(seq), NO_AAD));
    byte[] out = new byte[aead.getOutputSize(input.length)];
    int n = aead.processBytes(input, 0, input.length, out, 0);
    try {
      n += aead.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new SealedMessageException("ciphertext does not open under this session");
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** 12-byte nonce: 4 zero bytes, then the message number big-endian. */
  private static byte[] nonce(long seq) {
    return ByteBuffer.allocate(12).putInt(0).putLong(seq).array();
  }
}
