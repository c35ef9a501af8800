package dev.sable.crypto.sealed;

import dev.sable.crypto.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;

/**
 * The trader's side of a sealed session to one node key: one HPKE encapsulation (an X25519 key
 * agreement), then any number of messages sealed under the exported session key, each with its own
 * number. Thread-safe.
 */
public final class SealingSession {
  static final byte[] EXPORT_LABEL = "sable.session.v1".getBytes(StandardCharsets.US_ASCII);

  private final byte[] enc;
  private final SessionCipher cipher;
  private final AtomicLong nextSeq = new AtomicLong();

  private SealingSession(byte[] enc, SessionCipher cipher) {
    this.enc = enc;
    this.cipher = cipher;
  }

  /** A new session to the node's HPKE public key (32 bytes), for this deployment. */
  public static SealingSession open(byte[] nodePublicKey, Deployment deployment) {
    if (nodePublicKey.length != IntakeSuite.KEY_BYTES) {
      throw new IllegalArgumentException("node key needs 32 bytes, got " + nodePublicKey.length);
    }
    HPKE hpke = IntakeSuite.hpke();
    HPKEContextWithEncapsulation ctx =
        hpke.setupBaseS(hpke.deserializePublicKey(nodePublicKey), IntakeSuite.info(deployment));
    return new SealingSession(
        ctx.getEncapsulation(),
        new SessionCipher(ctx.export(EXPORT_LABEL, SessionCipher.KEY_BYTES)));
  }

  public SealedMessage seal(byte[] plaintext) {
    long seq = nextSeq.getAndIncrement();
    return new SealedMessage(enc.clone(), seq, cipher.seal(seq, plaintext));
  }
}
