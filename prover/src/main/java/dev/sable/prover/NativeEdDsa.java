package dev.sable.prover;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.EdDsaVerifier;
import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.Fr;
import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EdDSA verification with the curve work in the native library (gnark-crypto's field arithmetic;
 * the same comb for B and per-key tables for -A as the pure-Java check, native/eddsa.go): the check
 * {@link EdDsaPublicKey#verify} makes, [S]B - [h]A == R, on a key Java validated, with R and S
 * decoded and h hashed in Java. {@code NativeEdDsaTest} shows both accept exactly the same
 * signatures. About twice as fast as the pure-Java check on this project's machines (docs/node.md,
 * "Speed"), which matters at intake, where every order is verified.
 */
public final class NativeEdDsa implements EdDsaVerifier {
  public static final NativeEdDsa INSTANCE = new NativeEdDsa();
  private static final Logger LOG = LoggerFactory.getLogger(NativeEdDsa.class);

  private NativeEdDsa() {}

  @Override
  public boolean verify(EdDsaPublicKey key, Fr message, EdDsaSignature sig, FieldHasher hasher) {
    NativeLibrary.load();
    byte[] in = new byte[192];
    System.arraycopy(key.x().toBytes(), 0, in, 0, 32);
    System.arraycopy(key.y().toBytes(), 0, in, 32, 32);
    System.arraycopy(sig.encodeUncompressed(), 0, in, 64, 96); // R.x, R.y, S
    System.arraycopy(message.toBytes(), 0, in, 160, 32);
    return NativeBindings.eddsaVerify(in);
  }

  /** The native verifier if the library loads here, else the pure-Java one. */
  public static EdDsaVerifier preferred() {
    try {
      NativeLibrary.load();
      return INSTANCE;
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("native library unavailable, verifying signatures in pure Java: {}", e.toString());
      return EdDsaVerifier.JAVA;
    }
  }
}
