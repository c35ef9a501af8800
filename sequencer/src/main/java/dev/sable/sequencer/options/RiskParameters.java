package dev.sable.sequencer.options;

import dev.sable.sequencer.math.Fixed;

/**
 * An underlying's volatility-driven margin parameters, recomputed at logged times.
 *
 * @param volPpm the realized volatility they come from (annualised, ppm)
 * @param priceRangePpm the scenario price range
 * @param marginScalePpm the factor on the perpetual's margin rates (1e6 = as listed)
 */
public record RiskParameters(long volPpm, long priceRangePpm, long marginScalePpm) {

  /** A listed margin rate scaled, rounded up, at most 100%. */
  public long scaleRate(long ratePpm) {
    return Math.min(Fixed.PPM, Fixed.mulDivCeil(ratePpm, marginScalePpm, Fixed.PPM));
  }
}
