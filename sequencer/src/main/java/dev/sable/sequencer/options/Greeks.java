package dev.sable.sequencer.options;

import dev.sable.sequencer.market.OptionKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The sensitivities of a position (or of an account: the sum over its positions in one underlying),
 * integers computed from the model's exact values and rounded once, half away from zero, each
 * bounded by +-2^61 (gamma near expiry at the money grows without bound).
 *
 * <p>They are for traders and risk display: no requirement or payment depends on them (the margin
 * comes from the risk arrays).
 *
 * @param delta underlying quantity units: the perpetual position with the same first-order exposure
 *     (a perpetual of size p has delta p)
 * @param gamma underlying quantity units: the change of delta when the underlying rises by 1%
 * @param vega collateral units: the change of value when the volatility rises by one point (0.01)
 * @param theta collateral units: the change of value over one day (1/365 year) with nothing else
 *     moving, negative for a long option
 */
public record Greeks(long delta, long gamma, long vega, long theta) {
  public static final Greeks ZERO = new Greeks(0, 0, 0, 0);

  /** |each Greek| is capped here. */
  public static final long BOUND = 1L << 61;

  private static final BigInteger P_ONE = BigInteger.ONE.shiftLeft(FixedMath.P);
  private static final BigInteger PQ_ONE = BigInteger.ONE.shiftLeft(FixedMath.P + FixedMath.Q);
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  /** A perpetual position: delta is its size, nothing else. */
  public static Greeks perpetual(long size) {
    return new Greeks(size, 0, 0, 0);
  }

  /**
   * A position of {@code size} option units (negative = short) at the model point; {@code t} is the
   * time left that the point was computed with.
   */
  public static Greeks option(
      OptionKind kind,
      long contractSize,
      long size,
      Black76.Point p,
      TimeToExpiry t,
      TimeBasis basis) {
    BigInteger units = BigInteger.valueOf(size).multiply(BigInteger.valueOf(contractSize));
    BigInteger delta =
        kind == OptionKind.CALL
            ? units.multiply(BigInteger.valueOf(FixedMath.cdf(p.d1())))
            : units.multiply(BigInteger.valueOf(FixedMath.cdf(-p.d1()))).negate();
    long deltaUnits = rounded(delta, P_ONE);
    if (t.expired() || p.sigmaRootT() == 0) {
      return new Greeks(deltaUnits, 0, 0, 0);
    }
    BigInteger density = units.multiply(BigInteger.valueOf(FixedMath.pdf(p.d1())));
    BigInteger s = BigInteger.valueOf(p.sigmaRootT());
    // gamma per 1% = size cs phi(d1) / (100 s); phi in Q62 and s in Q56
    long gamma =
        rounded(density.shiftLeft(FixedMath.Q), HUNDRED.multiply(s).shiftLeft(FixedMath.P));
    BigInteger valueDensity = density.multiply(BigInteger.valueOf(p.forward()));
    // vega per point = size cs F phi(d1) sqrt(T) / 100
    long vega =
        rounded(
            valueDensity.multiply(BigInteger.valueOf(t.sqrtYearsQ())), HUNDRED.multiply(PQ_ONE));
    // theta per day = -size cs F phi(d1) s / (2 T) / 365 = -size cs F phi(d1) s unitsPerDay / (2
    // tau)
    long theta =
        rounded(
            valueDensity.multiply(s).multiply(BigInteger.valueOf(basis.unitsPerDay())).negate(),
            BigInteger.valueOf(t.units()).shiftLeft(1).multiply(PQ_ONE));
    return new Greeks(deltaUnits, gamma, vega, theta);
  }

  public Greeks plus(Greeks other) {
    return new Greeks(
        capped(delta + other.delta),
        capped(gamma + other.gamma),
        capped(vega + other.vega),
        capped(theta + other.theta));
  }

  /** numerator / denominator (denominator > 0) rounded half away from zero, then capped. */
  private static long rounded(BigInteger numerator, BigInteger denominator) {
    BigInteger q =
        new BigDecimal(numerator)
            .divide(new BigDecimal(denominator), 0, RoundingMode.HALF_UP)
            .toBigIntegerExact();
    return q.abs().compareTo(BigInteger.valueOf(BOUND)) > 0
        ? q.signum() * BOUND
        : q.longValueExact();
  }

  /** A sum of two values within +-2^61, capped again. */
  private static long capped(long sum) {
    return Math.max(-BOUND, Math.min(BOUND, sum));
  }
}
