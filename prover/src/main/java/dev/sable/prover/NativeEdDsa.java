package dev.sable.prover;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.EdDsaVerifier;
import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.Fr;
import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;
import java.math.BigInteger;
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
    put(in, 0, key.x().toBytes());
    put(in, 32, key.y().toBytes());
    put(in, 64, sig.rx().toBytes());
    put(in, 96, sig.ry().toBytes());
    put(in, 128, scalar(sig.s()));
    put(in, 160, message.toBytes());
    return NativeBindings.eddsaVerify(in);
  }

  private static void put(byte[] in, int at, byte[] value) {
    System.arraycopy(value, 0, in, at, 32);
  }

  /** 0 < s < l < 2^253: 32 bytes big-endian. */
  private static byte[] scalar(BigInteger s) {
    byte[] b = s.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
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
