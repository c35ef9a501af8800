package dev.sable.sequencer.options;

import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.math.Fixed;

/**
 * Black-76 with a zero rate, in integers: call = cs * (F Phi(d1) - K Phi(d2)), put = cs * (K
 * Phi(-d2) - F Phi(-d1)), d1 = ln(F / K) / (sigma sqrt T) + sigma sqrt T / 2, d2 = d1 - sigma sqrt
 * T (docs/options.md).
 *
 * <p>Only the out-of-the-money option of a strike is priced from the formula; the in-the-money one
 * is that value plus the intrinsic value {@code |F - K| * cs} (put-call parity with a zero rate).
 * So both values (held to 2^-62) are at least intrinsic, the call is at most {@code F * cs}, the
 * put at most {@code K * cs}, and {@code call - put = (F - K) * cs} exactly before rounding: the
 * marks keep parity within one tick.
 */
public final class Black76 {

  /** |ln(F / K)| >= 16 sigma sqrt(T): both normal variables are beyond +-14 and saturate. */
  private static final long SATURATION_RATIO = 16;

  private Black76() {}

  /**
   * The model at one forward, strike, volatility and time: sigma sqrt(T) and the normal variables
   * d1 and d2, all Q56. With no time or volatility left (sigma sqrt(T) = 0), or far from the money,
   * d1 = d2 = +-10 (where Phi is exactly 0 or 1), or 0 at the money.
   *
   * @param forward the underlying's mark, collateral per underlying quantity unit
   * @param strike same units
   */
  public record Point(long forward, long strike, long sigmaRootT, long d1, long d2) {}

  public static Point point(long forward, long strike, long volPpm, TimeToExpiry t) {
    if (forward <= 0 || strike <= 0 || volPpm < 0) {
      throw new IllegalArgumentException(
          "forward and strike must be positive, volatility not negative: "
              + forward
              + ", "
              + strike
              + ", "
              + volPpm);
    }
    long s = Fixed.mulDivFloor(volPpm, t.sqrtYearsQ(), Fixed.PPM);
    if (s == 0) {
      long limit = Long.signum(Long.compare(forward, strike)) * FixedMath.CDF_SATURATION_Q;
      return new Point(forward, strike, 0, limit, limit);
    }
    long lnRatio = FixedMath.ln(forward) - FixedMath.ln(strike);
    if (Math.abs(lnRatio) / SATURATION_RATIO >= s) {
      long limit = Long.signum(lnRatio) * FixedMath.CDF_SATURATION_Q;
      return new Point(forward, strike, s, limit, limit);
    }
    long d1 = Wide.divShift(lnRatio, s, FixedMath.Q) + s / 2;
    return new Point(forward, strike, s, d1, d1 - s);
  }

  /** The value of one option quantity unit of {@code contractSize} underlying units. */
  public static ModelValue value(OptionKind kind, long contractSize, Point p) {
    long forwardNotional = Math.multiplyExact(p.forward(), contractSize);
    long strikeNotional = Math.multiplyExact(p.strike(), contractSize);
    boolean callOutOfTheMoney = p.forward() <= p.strike();
    ModelValue outOfTheMoney =
        callOutOfTheMoney
            ? difference(
                forwardNotional, FixedMath.cdf(p.d1()), strikeNotional, FixedMath.cdf(p.d2()))
            : difference(
                strikeNotional, FixedMath.cdf(-p.d2()), forwardNotional, FixedMath.cdf(-p.d1()));
    OptionKind priced = callOutOfTheMoney ? OptionKind.CALL : OptionKind.PUT;
    if (kind == priced) {
      return outOfTheMoney;
    }
    long intrinsic = Math.multiplyExact(Math.abs(p.forward() - p.strike()), contractSize);
    return new ModelValue(
        Math.addExact(outOfTheMoney.units(), intrinsic), outOfTheMoney.fraction());
  }

  /** The value of one unit of the option at the forward, volatility and time given. */
  public static ModelValue value(OptionSpec spec, long forward, long volPpm, TimeToExpiry t) {
    return value(spec.kind(), spec.contractSize(), point(forward, spec.strike(), volPpm, t));
  }

  /** The mark: the value rounded to the option's tick, halves up. */
  public static long mark(OptionSpec spec, long forward, long volPpm, TimeToExpiry t) {
    return value(spec, forward, volPpm, t).roundToTick(spec.tickSize());
  }

  /** max(0, a * pa - b * pb) for probabilities pa, pb in Q62, on the exact 128-bit products. */
  private static ModelValue difference(long a, long pa, long b, long pb) {
    long aHigh = Math.multiplyHigh(a, pa);
    long aLow = a * pa;
    long bHigh = Math.multiplyHigh(b, pb);
    long bLow = b * pb;
    long low = aLow - bLow;
    long high = aHigh - bHigh - (Long.compareUnsigned(aLow, bLow) < 0 ? 1 : 0);
    if (high < 0) {
      return new ModelValue(0, 0); // a rounding below zero: an option is never worth less than 0
    }
    long units = (high << (64 - FixedMath.P)) | (low >>> FixedMath.P);
    return new ModelValue(units, low & (FixedMath.P_ONE - 1));
  }
}
