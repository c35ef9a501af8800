package dev.sable.prover;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.EdDsaVerifier;
import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.Fr;
import dev.sable.crypto.SignedMessage;
import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EdDSA verification with the curve work in the native library (gnark-crypto's field arithmetic;
 * the same comb for B and per-key tables for -A as the pure-Java check, native/eddsa.go): the check
 * {@link EdDsaPublicKey#verify} makes, [S]B - [h]A == R, on a key Java validated, with R and S
 * decoded in Java. {@link #verifySigned} passes the signed message's prefix state and words, and
 * the library folds them into the message hash itself: a signed request's whole check is one JNI
 * call. {@code NativeEdDsaTest} shows both accept exactly the same signatures. About twice as fast
 * as the pure-Java check on this project's machines (docs/node.md, "Speed"), which matters at
 * intake, where every order is verified.
 */
public final class NativeEdDsa implements EdDsaVerifier {
  public static final NativeEdDsa INSTANCE = new NativeEdDsa();
  private static final Logger LOG = LoggerFactory.getLogger(NativeEdDsa.class);
  private static final int FIXED = 160; // A.x, A.y, R.x, R.y, S
  private static final Fr[] NO_WORDS = {};

  private NativeEdDsa() {}

  @Override
  public boolean verify(EdDsaPublicKey key, Fr message, EdDsaSignature sig, FieldHasher hasher) {
    return check(key, sig, message, NO_WORDS);
  }

  @Override
  public boolean verifySigned(
      EdDsaPublicKey key,
      SignedMessage message,
      Deployment deployment,
      EdDsaSignature sig,
      FieldHasher hasher) {
    return check(key, sig, message.signedPrefix(deployment), message.signedWords());
  }

  /** One native call: A | R | S | state | words, the message being fold(state, words). */
  private static boolean check(EdDsaPublicKey key, EdDsaSignature sig, Fr state, Fr[] words) {
    NativeLibrary.load();
    byte[] in = new byte[FIXED + Fr.BYTES * (1 + words.length)];
    key.x().writeTo(in, 0);
    key.y().writeTo(in, 32);
    sig.writeUncompressed(in, 64); // R.x, R.y, S
    state.writeTo(in, FIXED);
    for (int i = 0; i < words.length; i++) {
      words[i].writeTo(in, FIXED + Fr.BYTES * (1 + i));
    }
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
