package dev.sable.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Poseidon2 over BN254 with gnark-crypto's default t=2 parameters (rF=6, rP=50, d=5), bit for bit:
 * round keys by repeated keccak256 from the seed "Poseidon2-BN254[t=2,rF=6,rP=50,d=5]", external
 * matrix [[2,1],[1,2]], internal matrix [[2,1],[1,3]], Compress(l, r) = P(l, r)[1] + r. Stateless
 * and thread-safe.
 */
public final class Poseidon2 implements FieldHasher {
  public static final Poseidon2 INSTANCE = new Poseidon2();

  static final String SEED = "Poseidon2-BN254[t=2,rF=6,rP=50,d=5]";
  private static final int FULL_ROUNDS = 6;
  private static final int PARTIAL_ROUNDS = 50;
  // Montgomery-form round keys in the order the rounds use them: two per full round, one per
  // partial round.
  private static final long[][] ROUND_KEYS = roundKeys();

  private Poseidon2() {}

  private static long[][] roundKeys() {
    BigInteger[] constants = roundConstants();
    long[][] keys = new long[constants.length][];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = Montgomery.toMontgomery(Montgomery.limbs(constants[k]));
    }
    return keys;
  }

  /** The round constants in round order, as gnark-crypto derives them (also used by tests). */
  static BigInteger[] roundConstants() {
    BigInteger[] constants = new BigInteger[2 * FULL_ROUNDS + PARTIAL_ROUNDS];
    byte[] rnd = Keccak256.hash(SEED.getBytes(StandardCharsets.US_ASCII));
    for (int k = 0; k < constants.length; k++) {
      rnd = Keccak256.hash(rnd);
      // fr.Element.SetBytes: big-endian, reduced mod r
      constants[k] = new BigInteger(1, rnd).mod(Fr.MODULUS);
    }
    return constants;
  }

  /** The permutation of the state (a, b). */
  public Fr[] permutation(Fr a, Fr b) {
    long[] s0 = a.toMontgomery();
    long[] s1 = b.toMontgomery();
    permute(s0, s1);
    return new Fr[] {Fr.fromMontgomery(s0), Fr.fromMontgomery(s1)};
  }

  @Override
  public Fr compress(Fr left, Fr right) {
    long[] s0 = left.toMontgomery();
    long[] s1 = right.toMontgomery();
    long[] feedForward = s1.clone();
    permute(s0, s1);
    Montgomery.add(s1, s1, feedForward);
    return Fr.fromMontgomery(s1);
  }

  /** The permutation in place, on Montgomery-form state. */
  static void permute(long[] s0, long[] s1) {
    long[] tmp = new long[4];
    external(s0, s1, tmp);
    int key = 0;
    for (int round = 0; round < FULL_ROUNDS / 2; round++) {
      fullRound(ROUND_KEYS[key++], ROUND_KEYS[key++], s0, s1, tmp);
    }
    for (int round = 0; round < PARTIAL_ROUNDS; round++) {
      Montgomery.addBelow2r(s0, s0, ROUND_KEYS[key++]);
      sbox(s0, tmp);
      // internal matrix [[2,1],[1,3]]: s0 += s0+s1, s1 = 2*s1 + s0+s1
      Montgomery.add(tmp, s0, s1);
      Montgomery.add(s0, s0, tmp);
      Montgomery.add(s1, s1, s1);
      Montgomery.add(s1, s1, tmp);
    }
    for (int round = 0; round < FULL_ROUNDS / 2; round++) {
      fullRound(ROUND_KEYS[key++], ROUND_KEYS[key++], s0, s1, tmp);
    }
  }

  private static void fullRound(long[] key0, long[] key1, long[] s0, long[] s1, long[] tmp) {
    Montgomery.addBelow2r(s0, s0, key0);
    Montgomery.addBelow2r(s1, s1, key1);
    sbox(s0, tmp);
    sbox(s1, tmp);
    external(s0, s1, tmp);
  }

  // external matrix [[2,1],[1,2]]
  private static void external(long[] s0, long[] s1, long[] tmp) {
    Montgomery.add(tmp, s0, s1);
    Montgomery.add(s0, s0, tmp);
    Montgomery.add(s1, s1, tmp);
  }

  // x^5, canonical, for x < 2r (a canonical state element plus a round key, unreduced); x^2 and x^4
  // stay in [0, 2r), which the next product accepts.
  private static void sbox(long[] x, long[] tmp) {
    Montgomery.mulBelow2r(tmp, x, x);
    Montgomery.mulBelow2r(tmp, tmp, tmp);
    Montgomery.mul(x, tmp, x);
  }
}
