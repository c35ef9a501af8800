package dev.sable.sequencer.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class WideTest {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  @Property
  void mulShiftIsTheFloorOfTheExactProduct(
      @ForAll long a, @ForAll long b, @ForAll @IntRange(min = 1, max = 63) int s) {
    BigInteger exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).shiftRight(s);
    if (exact.bitLength() < 64) {
      assertThat(Wide.mulShift(a, b, s)).isEqualTo(exact.longValueExact());
    } else {
      assertThatThrownBy(() -> Wide.mulShift(a, b, s)).isInstanceOf(ArithmeticException.class);
    }
  }

  @Property
  void divShiftIsTheFloorOfTheExactQuotient(
      @ForAll long a,
      @ForAll @LongRange(min = 1) long b,
      @ForAll @IntRange(min = 0, max = 63) int s) {
    if (a == Long.MIN_VALUE) {
      return;
    }
    BigInteger[] qr = BigInteger.valueOf(a).shiftLeft(s).divideAndRemainder(BigInteger.valueOf(b));
    BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    if (floor.bitLength() < 64) {
      assertThat(Wide.divShift(a, b, s)).isEqualTo(floor.longValueExact());
    } else {
      assertThatThrownBy(() -> Wide.divShift(a, b, s)).isInstanceOf(ArithmeticException.class);
    }
  }

  @Property
  void divideUnsignedMatchesBigInteger(@ForAll long hi, @ForAll long lo, @ForAll long d) {
    BigInteger divisor = unsigned(d);
    BigInteger high = unsigned(hi);
    if (divisor.signum() == 0 || high.compareTo(divisor) >= 0) {
      assertThatThrownBy(() -> Wide.divideUnsigned(hi, lo, d))
          .isInstanceOf(ArithmeticException.class);
      return;
    }
    BigInteger numerator = high.shiftLeft(64).add(unsigned(lo));
    assertThat(unsigned(Wide.divideUnsigned(hi, lo, d))).isEqualTo(numerator.divide(divisor));
  }

  @Test
  void divideUnsignedHandlesTheCorrectionSteps() {
    // divisors whose low digit makes the first estimate too large, and the largest quotients
    long[][] cases = {
      {0x7fff_ffffL, 0xffff_ffff_0000_0000L, 0x8000_0000_ffff_ffffL},
      {0x8000_0000_0000_0000L, 0, 0x8000_0000_0000_0001L},
      {-2, -1, -1},
      {1, 0, 2},
      {0, 12345, 7},
      {0x0000_ffff_ffff_ffffL, 0xffff_ffff_ffff_ffffL, 0x0001_0000_0000_0000L},
    };
    for (long[] c : cases) {
      BigInteger numerator = unsigned(c[0]).shiftLeft(64).add(unsigned(c[1]));
      assertThat(unsigned(Wide.divideUnsigned(c[0], c[1], c[2])))
          .isEqualTo(numerator.divide(unsigned(c[2])));
    }
  }

  @Property
  void integerSquareRoots(@ForAll @LongRange(min = 0) long n) {
    BigInteger floor = BigInteger.valueOf(n).sqrt();
    assertThat(Wide.sqrtFloor(n)).isEqualTo(floor.longValueExact());
    long ceil =
        floor.multiply(floor).equals(BigInteger.valueOf(n))
            ? floor.longValue()
            : floor.longValue() + 1;
    assertThat(Wide.sqrtCeil(n)).isEqualTo(ceil);
  }

  @Test
  void squareRootEdges() {
    assertThat(Wide.sqrtFloor(Long.MAX_VALUE)).isEqualTo(3_037_000_499L);
    assertThat(Wide.sqrtFloor(3_037_000_499L * 3_037_000_499L)).isEqualTo(3_037_000_499L);
    assertThat(Wide.sqrtCeil(3_037_000_499L * 3_037_000_499L + 1)).isEqualTo(3_037_000_500L);
    assertThatThrownBy(() -> Wide.sqrtFloor(-1)).isInstanceOf(ArithmeticException.class);
  }

  private static BigInteger unsigned(long v) {
    BigInteger b = BigInteger.valueOf(v);
    return v < 0 ? b.add(TWO_64) : b;
  }
}
