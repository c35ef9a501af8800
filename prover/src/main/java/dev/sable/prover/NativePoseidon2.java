package dev.sable.prover;

import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gnark-crypto's Poseidon2 compression (t=2), computed by the native library. On this project's
 * machines it is about 1.6x as fast as the pure-Java {@link Poseidon2} (figures in
 * bench/results/tree*.txt and primitives-jmh.txt); {@code sable bench tree} measures both and
 * hashes its tree with the faster.
 */
public final class NativePoseidon2 implements FieldHasher {
  public static final NativePoseidon2 INSTANCE = new NativePoseidon2();
  private static final Logger LOG = LoggerFactory.getLogger(NativePoseidon2.class);

  private NativePoseidon2() {}

  @Override
  public Fr compress(Fr left, Fr right) {
    NativeLibrary.load();
    return Fr.fromBytes(NativeBindings.poseidon2Compress(left.toBytes(), right.toBytes()));
  }

  /** The native hasher if the library loads here, else the pure-Java one. */
  public static FieldHasher preferred() {
    try {
      NativeLibrary.load();
      return INSTANCE;
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("native library unavailable, hashing in pure Java: {}", e.toString());
      return Poseidon2.INSTANCE;
    }
  }
}
