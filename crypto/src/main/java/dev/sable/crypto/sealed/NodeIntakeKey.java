package dev.sable.crypto.sealed;

import dev.sable.crypto.Deployment;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * The node's HPKE key pair (X25519): traders seal requests to its public key. {@link #sessionKey}
 * performs the receiver's key agreement for one encapsulation. Thread-safe.
 */
public final class NodeIntakeKey {
  private final AsymmetricCipherKeyPair pair;
  private final byte[] publicKey;
  private final byte[] privateKey;

  private NodeIntakeKey(AsymmetricCipherKeyPair pair) {
    HPKE hpke = IntakeSuite.hpke();
    this.pair = pair;
    this.publicKey = hpke.serializePublicKey(pair.getPublic());
    this.privateKey = hpke.serializePrivateKey(pair.getPrivate());
  }

  public static NodeIntakeKey generate(SecureRandom random) {
    X25519PrivateKeyParameters sk = new X25519PrivateKeyParameters(random);
    return new NodeIntakeKey(new AsymmetricCipherKeyPair(sk.generatePublicKey(), sk));
  }

  /** The key pair from its 32-byte private key (as {@link #privateKey} returns it). */
  public static NodeIntakeKey fromPrivateKey(byte[] privateKey) {
    if (privateKey.length != IntakeSuite.KEY_BYTES) {
      throw new IllegalArgumentException("X25519 private key needs 32 bytes");
    }
    X25519PrivateKeyParameters sk = new X25519PrivateKeyParameters(privateKey, 0);
    return new NodeIntakeKey(new AsymmetricCipherKeyPair(sk.generatePublicKey(), sk));
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  public byte[] privateKey() {
    return privateKey.clone();
  }

  /** The receiver's session for an encapsulation: one X25519 agreement and the key export. */
  public OpenedSession session(byte[] enc, Deployment deployment) {
    if (enc.length != IntakeSuite.KEY_BYTES) {
      throw new SealedMessageException("encapsulation needs 32 bytes, got " + enc.length);
    }
    HPKEContext ctx;
    try {
      ctx = IntakeSuite.hpke().setupBaseR(enc, pair, IntakeSuite.info(deployment));
    } catch (RuntimeException e) { // BC refuses an all-zero shared secret (a low-order point)
      throw new SealedMessageException("encapsulation is not a usable X25519 key");
    }
    return new OpenedSession(
        new SessionCipher(ctx.export(SealingSession.EXPORT_LABEL, SessionCipher.KEY_BYTES)));
  }
}
