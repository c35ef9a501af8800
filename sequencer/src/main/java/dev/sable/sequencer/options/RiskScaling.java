package dev.sable.sequencer.options;

import dev.sable.sequencer.math.Fixed;

/**
 * Turns an underlying's realized volatility into its margin parameters, each bounded:
 *
 * <pre>
 * priceRange  = clamp(ceil(sigmas * vol * sqrt(horizonDays / 365)), minRange, maxRange)   (ppm)
 * marginScale = clamp(ceil(vol * 1e6 / referenceVol), minScale, maxScale)                 (ppm)
 * </pre>
 *
 * The price range is the scenario grid's range for the underlying (SPAN's price scan range, like
 * NSE Clearing's range from an EWMA volatility); the margin scale multiplies the perpetual's cross
 * margin rates ({@link RiskParameters#scaleRate}).
 *
 * @param rangeSigmasMilli how many standard deviations of the horizon the range covers, in
 *     thousandths (5,000 = 5 sigma)
 * @param horizonDays the horizon of the range, whole days
 * @param minRangePpm lower bound of the range
 * @param maxRangePpm upper bound of the range, at most 50%
 * @param referenceVolPpm the volatility at which margin rates are as listed
 * @param minScalePpm lower bound of the scale
 * @param maxScalePpm upper bound of the scale
 */
public record RiskScaling(
    long rangeSigmasMilli,
    long horizonDays,
    long minRangePpm,
    long maxRangePpm,
    long referenceVolPpm,
    long minScalePpm,
    long maxScalePpm) {

  public RiskScaling {
    if (rangeSigmasMilli <= 0
        || rangeSigmasMilli > 20_000
        || horizonDays <= 0
        || horizonDays > 30
        || minRangePpm <= 0
        || minRangePpm > maxRangePpm
        || maxRangePpm > UnderlyingRisk.MAX_RANGE_PPM
        || referenceVolPpm <= 0
        || minScalePpm <= 0
        || minScalePpm > maxScalePpm
        || maxScalePpm > 100 * Fixed.PPM) {
      throw new IllegalArgumentException("inconsistent risk scaling parameters");
    }
  }

  /** The parameters for a realized volatility (ppm, annualised, at most 1000%). */
  public RiskParameters parameters(long volPpm) {
    if (volPpm <= 0 || volPpm > VolatilityQuote.MAX_VOL_PPM) {
      throw new IllegalArgumentException("volatility out of range: " + volPpm);
    }
    long rangeSquared =
        Fixed.mulDivCeil(
            volPpm * volPpm,
            rangeSigmasMilli * rangeSigmasMilli * horizonDays,
            1_000_000L * TimeBasis.DAYS_PER_YEAR);
    long range = Math.clamp(Wide.sqrtCeil(rangeSquared), minRangePpm, maxRangePpm);
    long scale =
        Math.clamp(Fixed.mulDivCeil(volPpm, Fixed.PPM, referenceVolPpm), minScalePpm, maxScalePpm);
    return new RiskParameters(volPpm, range, scale);
  }
}
