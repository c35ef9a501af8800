package dev.sable.sequencer.options;

import dev.sable.sequencer.math.Fixed;

/**
 * An underlying's realized volatility: an exponentially weighted moving average (EWMA, as in
 * RiskMetrics) of its annualised squared log-returns, sampled from its mark at logged times,
 * integers only and bounded.
 *
 * <p>At a sample (time t, mark P) at least {@code minIntervalUnits} after the previous one (t0,
 * P0):
 *
 * <pre>
 * r        = round(ln(P / P0) * 1e6)                         (ppm, halves up)
 * sample   = clamp(ceil(r^2 * unitsPerYear / (t - t0)), minVol^2, maxVol^2)   (ppm^2 per year)
 * variance = variance + ceil((1e6 - lambda) * (sample - variance) / 1e6)
 * vol      = ceil(sqrt(variance))                             (ppm, annualised)
 * </pre>
 *
 * A sample sooner than the interval changes nothing, so a burst of ticks cannot inflate the
 * estimate; rounding is upward throughout (a larger volatility is the cautious side).
 *
 * @param lambdaPpm decay per sample, in [0, 1e6): weight of the old variance
 * @param minIntervalUnits least log time between two samples, > 0
 * @param seedVolPpm the volatility before the first return
 * @param minVolPpm floor of every sample and so of the estimate
 * @param maxVolPpm ceiling of every sample and so of the estimate
 * @param basis log time units
 */
public record RealizedVolatility(
    long lambdaPpm,
    long minIntervalUnits,
    long seedVolPpm,
    long minVolPpm,
    long maxVolPpm,
    TimeBasis basis) {

  /** The estimate between samples. */
  public record State(long lastTime, long lastPrice, long variancePpm2) {
    /** Annualised volatility in ppm, rounded up. */
    public long volPpm() {
      return Wide.sqrtCeil(variancePpm2);
    }
  }

  public RealizedVolatility {
    if (lambdaPpm < 0
        || lambdaPpm >= Fixed.PPM
        || minIntervalUnits <= 0
        || minVolPpm <= 0
        || minVolPpm > seedVolPpm
        || seedVolPpm > maxVolPpm
        || maxVolPpm > VolatilityQuote.MAX_VOL_PPM
        || basis == null) {
      throw new IllegalArgumentException("inconsistent realized volatility parameters");
    }
  }

  /** The state at the first mark: the seed volatility, no return yet. */
  public State start(long time, long price) {
    requirePositive(price);
    return new State(time, price, seedVolPpm * seedVolPpm);
  }

  /** The state after a sample of the mark {@code price} at log time {@code time}. */
  public State observe(State s, long time, long price) {
    requirePositive(price);
    if (time < s.lastTime()) {
      throw new IllegalArgumentException("sample time went backwards: " + time);
    }
    long elapsed = time - s.lastTime();
    if (elapsed < minIntervalUnits) {
      return s;
    }
    long r = returnPpm(s.lastPrice(), price);
    long sample =
        Math.clamp(
            Fixed.mulDivCeil(r * r, basis.unitsPerYear(), elapsed),
            minVolPpm * minVolPpm,
            maxVolPpm * maxVolPpm);
    long variance =
        s.variancePpm2()
            + Fixed.mulDivCeil(Fixed.PPM - lambdaPpm, sample - s.variancePpm2(), Fixed.PPM);
    return new State(time, price, variance);
  }

  /** round(ln(price / previous) * 1e6), halves up; |result| < 4.4e7. */
  static long returnPpm(long previous, long price) {
    long lnRatio = FixedMath.ln(price) - FixedMath.ln(previous);
    return (Wide.mulShift(lnRatio, 2 * Fixed.PPM, FixedMath.Q) + 1) >> 1;
  }

  private static void requirePositive(long price) {
    if (price <= 0) {
      throw new IllegalArgumentException("a mark must be positive: " + price);
    }
  }
}
