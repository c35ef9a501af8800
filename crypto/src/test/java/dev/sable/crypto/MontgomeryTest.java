package dev.sable.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Field arithmetic against BigInteger mod r, on random and edge values. */
class MontgomeryTest {
  private static final BigInteger R = Fr.MODULUS;

  @Provide
  Arbitrary<BigInteger> elements() {
    return FieldArbitraries.elements();
  }

  /** Values in [0, 2r): the inputs the unreduced products accept. */
  @Provide
  Arbitrary<BigInteger> belowTwoR() {
    BigInteger twoR = R.shiftLeft(1);
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ZERO, twoR.subtract(BigInteger.ONE)),
        Arbitraries.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            R.subtract(BigInteger.ONE),
            R,
            twoR.subtract(BigInteger.ONE)));
  }

  private static long[] mont(BigInteger x) {
    return Montgomery.toMontgomery(Montgomery.limbs(x));
  }

  private static BigInteger value(long[] m) {
    return Montgomery.toBigInteger(Montgomery.fromMontgomery(m));
  }

  @Property
  void mulAddSubMatchBigInteger(
      @ForAll("elements") BigInteger a, @ForAll("elements") BigInteger b) {
    long[] z = new long[4];
    Montgomery.mul(z, mont(a), mont(b));
    assertThat(value(z)).isEqualTo(a.multiply(b).mod(R));
    Montgomery.square(z, mont(a));
    assertThat(value(z)).isEqualTo(a.multiply(a).mod(R));
    Montgomery.add(z, mont(a), mont(b));
    assertThat(value(z)).isEqualTo(a.add(b).mod(R));
    Montgomery.sub(z, mont(a), mont(b));
    assertThat(value(z)).isEqualTo(a.subtract(b).mod(R));
  }

  @Property
  void unreducedProductStaysBelowTwoR(
      @ForAll("belowTwoR") BigInteger a, @ForAll("belowTwoR") BigInteger b) {
    BigInteger rInverse = BigInteger.ONE.shiftLeft(256).modInverse(R);
    long[] z = new long[4];
    Montgomery.mulBelow2r(z, Montgomery.limbs(a), Montgomery.limbs(b));
    BigInteger product = Montgomery.toBigInteger(z);
    assertThat(product).isLessThan(R.shiftLeft(1));
    assertThat(product.mod(R)).isEqualTo(a.multiply(b).multiply(rInverse).mod(R));
  }

  @Property
  void inverseAndSqrtMatchBigInteger(@ForAll("elements") BigInteger a) {
    long[] z = new long[4];
    if (a.signum() != 0) {
      Montgomery.inverse(z, mont(a));
      assertThat(value(z)).isEqualTo(a.modInverse(R));
    }
    long[] square = new long[4];
    Montgomery.square(square, mont(a));
    assertThat(Montgomery.sqrt(z, square)).isTrue();
    assertThat(value(z)).isIn(a, R.subtract(a).mod(R));
  }

  @Property
  void nonSquaresHaveNoRoot(@ForAll("elements") BigInteger a) {
    // 5 is a non-residue, so 5 * a^2 is one for a != 0
    BigInteger nonSquare = a.multiply(a).multiply(BigInteger.valueOf(5)).mod(R);
    if (nonSquare.signum() != 0) {
      assertThat(Montgomery.sqrt(new long[4], mont(nonSquare))).isFalse();
    }
  }

  @Property
  void frBytesRoundTrip(@ForAll("elements") BigInteger a) {
    Fr x = Fr.of(a);
    assertThat(Fr.fromBytes(x.toBytes())).isEqualTo(x);
    assertThat(x.toBigInteger()).isEqualTo(a);
  }
}
