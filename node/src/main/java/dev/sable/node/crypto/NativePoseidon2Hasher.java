package dev.sable.node.crypto;

import dev.sable.prover.NativePoseidon2;
import dev.sable.prover.jni.NativeLibrary;
import dev.sable.sequencer.crypto.FieldHasher;
import dev.sable.sequencer.crypto.Fr;
import dev.sable.sequencer.crypto.Poseidon2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poseidon2 compression computed by gnark-crypto itself, through the native library. On this
 * project's machines it is still about 1.6x as fast as the pure-Java {@link Poseidon2} (figures in
 * bench/results/tree*.txt and primitives-jmh.txt); {@code sable bench tree} measures both and
 * hashes its tree with the faster.
 */
public final class NativePoseidon2Hasher implements FieldHasher {
  public static final NativePoseidon2Hasher INSTANCE = new NativePoseidon2Hasher();
  private static final Logger LOG = LoggerFactory.getLogger(NativePoseidon2Hasher.class);

  private NativePoseidon2Hasher() {}

  @Override
  public Fr compress(Fr left, Fr right) {
    return Fr.fromBytes(NativePoseidon2.compress(left.toBytes(), right.toBytes()));
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
