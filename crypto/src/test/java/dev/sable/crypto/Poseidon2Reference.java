package dev.sable.crypto;

import java.math.BigInteger;

/**
 * Poseidon2 (t=2, rF=6, rP=50, d=5) written plainly over BigInteger mod r, straight from the
 * definition: the reference the optimised {@link Poseidon2} is checked against.
 */
final class Poseidon2Reference {
  private static final BigInteger R = Fr.MODULUS;
  private static final int FULL_ROUNDS = 6;
  private static final int PARTIAL_ROUNDS = 50;

  private Poseidon2Reference() {}

  static BigInteger[] permutation(BigInteger a, BigInteger b) {
    // The constants come from the one derivation; the Go vectors pin them independently.
    BigInteger[] keys = Poseidon2.roundConstants();
    BigInteger[] s = external(a, b);
    int key = 0;
    for (int round = 0; round < FULL_ROUNDS + PARTIAL_ROUNDS; round++) {
      boolean full = round < FULL_ROUNDS / 2 || round >= FULL_ROUNDS / 2 + PARTIAL_ROUNDS;
      if (full) {
        s = external(sbox(s[0].add(keys[key++])), sbox(s[1].add(keys[key++])));
      } else {
        BigInteger s0 = sbox(s[0].add(keys[key++]));
        // internal matrix [[2,1],[1,3]]
        s =
            new BigInteger[] {
              s0.shiftLeft(1).add(s[1]).mod(R), s0.add(s[1].multiply(BigInteger.valueOf(3))).mod(R)
            };
      }
    }
    return s;
  }

  static BigInteger compress(BigInteger left, BigInteger right) {
    return permutation(left, right)[1].add(right).mod(R);
  }

  private static BigInteger sbox(BigInteger x) {
    return x.modPow(BigInteger.valueOf(5), R);
  }

  // external matrix [[2,1],[1,2]]
  private static BigInteger[] external(BigInteger a, BigInteger b) {
    return new BigInteger[] {a.shiftLeft(1).add(b).mod(R), a.add(b.shiftLeft(1)).mod(R)};
  }
}
