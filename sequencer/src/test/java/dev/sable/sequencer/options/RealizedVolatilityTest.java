package dev.sable.sequencer.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RealizedVolatilityTest {
  private static final long HOUR = 3_600_000L;
  private static final RealizedVolatility EWMA =
      new RealizedVolatility(940_000, HOUR, 800_000, 50_000, 5_000_000, TimeBasis.MILLISECONDS);
  private static final RiskScaling SCALING =
      new RiskScaling(5_000, 1, 20_000, 500_000, 800_000, 500_000, 4_000_000);

  /**
   * Golden: hourly marks (time, mark) and the exact variance (ppm^2 per year) and volatility after
   * each. Pinned: a change is a change of every margin that depends on it.
   */
  private static final long[][] GOLDEN = {
    {HOUR, 101_000, 653_635_714_000L, 808_478},
    {2 * HOUR, 99_500, 732_094_874_707L, 855_626},
    {2 * HOUR + 60_000, 50_000, 732_094_874_707L, 855_626}, // a minute later: not a sample
    {3 * HOUR, 99_500, 688_319_182_225L, 829_651},
    {4 * HOUR, 103_000, 1_275_192_995_242L, 1_129_245},
    {6 * HOUR, 103_000, 1_198_831_415_528L, 1_094_912}, // no move: the floor sample, decays
    {7 * HOUR, 70_000, 2_626_901_530_597L, 1_620_772}, // a crash: the sample is capped at 500%
    {8 * HOUR, 72_000, 2_886_406_353_431L, 1_698_943},
  };

  @Test
  void goldenSequence() {
    RealizedVolatility.State s = EWMA.start(0, 100_000);
    assertThat(s.volPpm()).isEqualTo(800_000);
    for (long[] g : GOLDEN) {
      s = EWMA.observe(s, g[0], g[1]);
      assertThat(s.variancePpm2()).as("variance at %d", g[0]).isEqualTo(g[2]);
      assertThat(s.volPpm()).isEqualTo(g[3]);
    }
  }

  @Test
  void oneUpdateIsTheTextbookEwmaRoundedUp() {
    RealizedVolatility.State s = EWMA.observe(EWMA.start(0, 100_000), HOUR, 101_000);
    double r = Math.log(1.01);
    double expected = 0.94 * 0.64 + 0.06 * r * r * 8_760; // annualised from an hourly return
    // the return is rounded to a whole ppm first (9,950 for 9,950.33): a relative 7e-5 of r^2
    assertThat(s.variancePpm2() / 1e12)
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void estimatesStayWithinTheirBounds() {
    RealizedVolatility.State s = EWMA.start(0, 100_000);
    for (int i = 1; i <= 500; i++) { // a market that doubles and halves every hour
      s = EWMA.observe(s, i * HOUR, i % 2 == 0 ? 100_000 : 200_000);
    }
    assertThat(s.volPpm()).isEqualTo(5_000_000);
    for (int i = 501; i <= 1_500; i++) { // then never moves
      s = EWMA.observe(s, i * HOUR, 100_000);
    }
    // rounding up stops the decay within a few ppm^2 of the floor: 1 ppm of volatility
    assertThat(s.volPpm()).isBetween(50_000L, 50_001L);
  }

  @Test
  void badSamplesAreRefused() {
    RealizedVolatility.State s = EWMA.start(10 * HOUR, 100_000);
    assertThatThrownBy(() -> EWMA.observe(s, 9 * HOUR, 100_000)).hasMessageContaining("backwards");
    assertThatThrownBy(() -> EWMA.observe(s, 11 * HOUR, 0)).hasMessageContaining("positive");
    assertThatThrownBy(
            () ->
                new RealizedVolatility(
                    1_000_000, HOUR, 800_000, 50_000, 5_000_000, TimeBasis.MILLISECONDS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RealizedVolatility(
                    940_000, HOUR, 10_000, 50_000, 5_000_000, TimeBasis.MILLISECONDS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void logReturnsRoundToTheNearestPpm() {
    assertThat(RealizedVolatility.returnPpm(100, 101)).isEqualTo(9_950); // ln 1.01 = 0.00995033
    assertThat(RealizedVolatility.returnPpm(101, 100)).isEqualTo(-9_950);
    assertThat(RealizedVolatility.returnPpm(1, 2)).isEqualTo(693_147);
  }

  @Test
  void goldenScaling() {
    // 5 sigma of one day: 5 * 0.8 / sqrt(365) = 20.937%, rounded up
    assertThat(SCALING.parameters(800_000))
        .isEqualTo(new RiskParameters(800_000, 209_370, 1_000_000));
    assertThat(SCALING.parameters(1_234_567))
        .isEqualTo(new RiskParameters(1_234_567, 323_101, 1_543_209));
    assertThat(SCALING.parameters(50_000)).isEqualTo(new RiskParameters(50_000, 20_000, 500_000));
    assertThat(SCALING.parameters(10_000_000))
        .isEqualTo(new RiskParameters(10_000_000, 500_000, 4_000_000));
    RiskParameters calm = SCALING.parameters(400_000);
    assertThat(calm.scaleRate(100_000)).isEqualTo(50_000);
    assertThat(SCALING.parameters(10_000_000).scaleRate(400_000)).isEqualTo(1_000_000);
    assertThatThrownBy(() -> SCALING.parameters(0)).hasMessageContaining("out of range");
  }
}
