package dev.sable.crypto;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Canonical field elements for property tests: random ones and the edge values. */
final class FieldArbitraries {
  private static final BigInteger R = Fr.MODULUS;

  private FieldArbitraries() {}

  static Arbitrary<BigInteger> elements() {
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ZERO, R.subtract(BigInteger.ONE)),
        Arbitraries.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            BigInteger.TWO,
            R.subtract(BigInteger.ONE),
            R.subtract(BigInteger.TWO),
            BigInteger.ONE.shiftLeft(253),
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
  }
}
