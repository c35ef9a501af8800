package dev.sable.prover;

import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;
import java.math.BigInteger;

/**
 * gnark-crypto's Poseidon2 compression (t=2) through the native library, for tests of this module.
 */
final class NativePoseidon2 {
  private NativePoseidon2() {}

  static BigInteger compress(BigInteger left, BigInteger right) {
    NativeLibrary.load();
    return FieldElement.fromBytes(
        NativeBindings.poseidon2Compress(FieldElement.toBytes(left), FieldElement.toBytes(right)));
  }
}
