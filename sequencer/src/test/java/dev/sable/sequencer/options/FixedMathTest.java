package dev.sable.sequencer.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The fixed-point functions against 50-digit references (reference.txt). The tolerances, in units
 * of the result's last place, are what docs/options.md states: ln within 4 units of Q56 (6e-17),
 * e^-y within 2 units of Q62, phi within 32 and Phi within 256 units of Q62 (7e-18 and 6e-17).
 */
class FixedMathTest {

  @Test
  void hardCodedConstantsAreTheFloorsOfTheirValues() {
    for (String[] c : Reference.lines("const")) {
      long expected = Long.parseLong(c[1]);
      long actual =
          switch (c[0]) {
            case "LN2_P" -> FixedMath.LN2_P;
            case "INV_SQRT_2PI_P" -> FixedMath.INV_SQRT_2PI_P;
            default -> throw new AssertionError("unknown constant " + c[0]);
          };
      assertThat(actual).as(c[0]).isEqualTo(expected);
    }
  }

  @Test
  void lnIsWithinFourUnitsOfQ56() {
    for (String[] c : Reference.lines("ln")) {
      assertWithin(FixedMath.ln(Long.parseLong(c[0])), c[1], 4, "ln " + c[0]);
    }
  }

  @Test
  void expNegIsWithinTwoUnitsOfQ62() {
    for (String[] c : Reference.lines("exp")) {
      assertWithin(FixedMath.expNeg(Long.parseLong(c[0])), c[1], 2, "exp -" + c[0]);
    }
  }

  @Test
  void densityAndDistributionAreWithinTheirTolerances() {
    for (String[] c : Reference.lines("pdf")) {
      assertWithin(FixedMath.pdf(Long.parseLong(c[0])), c[1], 32, "pdf " + c[0]);
    }
    for (String[] c : Reference.lines("cdf")) {
      assertWithin(FixedMath.cdf(Long.parseLong(c[0])), c[1], 256, "cdf " + c[0]);
    }
  }

  @Test
  void distributionSaturatesExactlyAtTen() {
    assertThat(FixedMath.cdf(FixedMath.CDF_SATURATION_Q)).isEqualTo(FixedMath.P_ONE);
    assertThat(FixedMath.cdf(-FixedMath.CDF_SATURATION_Q)).isZero();
    assertThat(FixedMath.cdf(0)).isEqualTo(FixedMath.P_HALF);
  }

  @Property
  void distributionIsExactlySymmetricAndBounded(
      @ForAll @LongRange(min = -12 * (1L << 56), max = 12 * (1L << 56)) long x) {
    long c = FixedMath.cdf(x);
    assertThat(c).isBetween(0L, FixedMath.P_ONE);
    assertThat(FixedMath.cdf(-x)).isEqualTo(FixedMath.P_ONE - c);
  }

  @Property
  void lnOfAProductIsTheSumOfLns(
      @ForAll @LongRange(min = 1, max = 1L << 31) long a,
      @ForAll @LongRange(min = 1, max = 1L << 31) long b) {
    assertThat(FixedMath.ln(a * b) - FixedMath.ln(a) - FixedMath.ln(b)).isBetween(-8L, 8L);
  }

  private static void assertWithin(long actual, String reference, long units, String what) {
    BigDecimal expected = new BigDecimal(reference);
    BigDecimal error = new BigDecimal(actual).subtract(expected).abs();
    assertThat(error.setScale(0, RoundingMode.CEILING).longValueExact())
        .as("%s: got %d, reference %s", what, actual, reference)
        .isLessThanOrEqualTo(units);
  }
}
