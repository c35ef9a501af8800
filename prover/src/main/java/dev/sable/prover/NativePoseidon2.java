package dev.sable.prover;

import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;

/** gnark-crypto's Poseidon2 compression (t=2), computed by the native library. */
public final class NativePoseidon2 {
  private NativePoseidon2() {}

  /** Compress of two 32-byte big-endian canonical field elements; non-canonical input throws. */
  public static byte[] compress(byte[] left, byte[] right) {
    NativeLibrary.load();
    return NativeBindings.poseidon2Compress(left, right);
  }
}
