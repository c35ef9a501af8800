package dev.sable.sequencer.options;

import dev.sable.sequencer.math.Fixed;

/**
 * How an underlying's realized volatility scales its portfolio-margin scenario range: the EWMA
 * estimate ({@link RealizedVolatility}) of its mark, sampled at time ticks, gives a margin scale
 * ({@link RiskScaling}), and the range is the listed range (the perpetual's maintenance margin
 * rate, at most 50%) times that scale, rounded up, at most 50%. The scale's bounds bound the range:
 * a crash cannot push it past {@code maxScale} times the listed range (nor past 50%), a flat market
 * cannot pull it below {@code minScale} times the listed range. Before the first sample the range
 * is the listed one, and at the reference volatility it is the listed one too.
 *
 * <p>Cross margin keeps the listed rates: they are the market leaf's, which the settlement circuit
 * checks (docs/options.md "Volatility-driven parameters").
 */
public record VolatilityRiskRule(RealizedVolatility estimator, RiskScaling scaling) {
  private static final long HOUR_MS = 3_600_000;

  /**
   * The sequencer's rule: lambda 0.94 per hourly sample (RiskMetrics' daily decay, here per hour),
   * seed and reference volatility 80%, samples bounded to [10%, 500%]; the scale bounded to [0.5,
   * 3] of the listed range.
   */
  public static final VolatilityRiskRule V1 =
      new VolatilityRiskRule(
          new RealizedVolatility(
              940_000, HOUR_MS, 800_000, 100_000, 5_000_000, TimeBasis.MILLISECONDS),
          new RiskScaling(5_000, 1, 1, UnderlyingRisk.MAX_RANGE_PPM, 800_000, 500_000, 3_000_000));

  public VolatilityRiskRule {
    if (estimator == null || scaling == null) {
      throw new IllegalArgumentException("a volatility risk rule needs an estimator and a scaling");
    }
  }

  /**
   * The estimate kept as its three numbers (a market's last sample time and mark, its variance), or
   * null before the first sample (variance 0).
   */
  public static RealizedVolatility.State estimate(
      long lastTime, long lastPrice, long variancePpm2) {
    return variancePpm2 == 0
        ? null
        : new RealizedVolatility.State(lastTime, lastPrice, variancePpm2);
  }

  /** The listed scenario range of a perpetual: its maintenance margin rate, at most 50%. */
  private static long listedRange(long maintenanceMarginPpm) {
    return Math.min(UnderlyingRisk.MAX_RANGE_PPM, maintenanceMarginPpm);
  }

  /**
   * The scenario range of a perpetual with this maintenance margin rate at this estimate ({@code
   * null}: never sampled, the listed range).
   */
  public long range(long maintenanceMarginPpm, RealizedVolatility.State realized) {
    long listed = listedRange(maintenanceMarginPpm);
    if (realized == null) {
      return listed;
    }
    long scale = scaling.parameters(realized.volPpm()).marginScalePpm();
    return Math.min(UnderlyingRisk.MAX_RANGE_PPM, Fixed.mulDivCeil(listed, scale, Fixed.PPM));
  }
}
