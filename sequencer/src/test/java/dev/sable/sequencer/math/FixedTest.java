package dev.sable.sequencer.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FixedTest {

  @Test
  void roundsInTheNamedDirection() {
    assertThat(Fixed.mulDivFloor(7, 1, 2)).isEqualTo(3);
    assertThat(Fixed.mulDivCeil(7, 1, 2)).isEqualTo(4);
    assertThat(Fixed.mulDivFloor(-7, 1, 2)).isEqualTo(-4);
    assertThat(Fixed.mulDivCeil(-7, 1, 2)).isEqualTo(-3);
    assertThat(Fixed.ppmCeil(5_000, 500)).isEqualTo(3); // 2.5 up
    assertThat(Fixed.ppmFloor(5_000, 500)).isEqualTo(2);
  }

  @Test
  void wideProductsAreExactAndOverflowThrows() {
    long big = 1L << 62;
    assertThat(Fixed.mulDivFloor(big, 1_000_000, 1_000_000)).isEqualTo(big);
    // (2^62 + 1) * 3 / 4 = 3 * 2^60 + 0.75, rounded up
    assertThat(Fixed.mulDivCeil(big + 1, 3, 4)).isEqualTo(3 * (1L << 60) + 1);
    assertThatThrownBy(() -> Fixed.mulDivFloor(big, 8, 1)).isInstanceOf(ArithmeticException.class);
  }

  @Property
  void saturatedStepsEqualTheExactResultCappedAtTheLargestLong(
      @ForAll @LongRange(min = 0) long a,
      @ForAll @LongRange(min = 0) long b,
      @ForAll @LongRange(min = 1) long d) {
    BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
    BigInteger sum = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
    assertThat(Fixed.addSaturated(a, b)).isEqualTo(sum.min(max).longValueExact());
    BigInteger ceil =
        BigInteger.valueOf(a)
            .multiply(BigInteger.valueOf(b))
            .add(BigInteger.valueOf(d - 1))
            .divide(BigInteger.valueOf(d));
    assertThat(Fixed.mulDivCeilSaturated(a, b, d)).isEqualTo(ceil.min(max).longValueExact());
  }

  @Test
  void saturatedStepsAtTheEdges() {
    assertThat(Fixed.addSaturated(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
    assertThat(Fixed.addSaturated(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(Fixed.addSaturated(Long.MAX_VALUE - 1, 1)).isEqualTo(Long.MAX_VALUE);
    assertThat(Fixed.mulDivCeilSaturated(Long.MAX_VALUE, 1_250_000, 1_000_000))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Fixed.mulDivCeilSaturated(Long.MAX_VALUE / 5 * 4, 1_250_000, 1_000_000))
        .isEqualTo(Long.MAX_VALUE / 5 * 5);
  }

  @Property
  void agreesWithBigIntegerFloorAndCeil(
      @ForAll long a, @ForAll long b, @ForAll @LongRange(min = 1) long d) {
    BigInteger exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
    BigInteger[] qr = exact.divideAndRemainder(BigInteger.valueOf(d));
    BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    BigInteger ceil = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    if (floor.bitLength() < 64) {
      assertThat(Fixed.mulDivFloor(a, b, d)).isEqualTo(floor.longValueExact());
    }
    if (ceil.bitLength() < 64) {
      assertThat(Fixed.mulDivCeil(a, b, d)).isEqualTo(ceil.longValueExact());
    }
  }
}
