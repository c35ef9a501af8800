package dev.sable.sequencer.math;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Exact integer arithmetic for money paths. {@code a * b / d} is computed on the 128-bit product,
 * so no intermediate overflows; a result that does not fit a long throws {@link
 * ArithmeticException}. Every caller names its rounding direction (floor = toward minus infinity,
 * ceil = toward plus infinity).
 */
public final class Fixed {

  /** Fractions (margins, fees, funding rates) are integers in parts per million. */
  public static final long PPM = 1_000_000L;

  private Fixed() {}

  /** floor(a * b / d) for d > 0. */
  public static long mulDivFloor(long a, long b, long d) {
    long lo = a * b;
    if (fitsLong(a, b, lo)) {
      return Math.floorDiv(lo, d);
    }
    return wide(a, b, d, RoundingMode.FLOOR);
  }

  /** ceil(a * b / d) for d > 0. */
  public static long mulDivCeil(long a, long b, long d) {
    long lo = a * b;
    if (fitsLong(a, b, lo)) {
      return Math.ceilDiv(lo, d);
    }
    return wide(a, b, d, RoundingMode.CEILING);
  }

  /**
   * A requirement sum: {@code a + b} for {@code a, b >= 0}, or {@link Long#MAX_VALUE} if it does
   * not fit. Requirements are compared with equity, a long, so a saturated requirement decides
   * every check as the exact one would (no equity meets it).
   */
  public static long addSaturated(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  /** {@code ceil(a * b / d)} for {@code a, b >= 0, d > 0}, or {@link Long#MAX_VALUE} if larger. */
  public static long mulDivCeilSaturated(long a, long b, long d) {
    long lo = a * b;
    if (fitsLong(a, b, lo)) {
      return Math.ceilDiv(lo, d);
    }
    return BigInteger.valueOf(a)
        .multiply(BigInteger.valueOf(b))
        .add(BigInteger.valueOf(d - 1))
        .divide(BigInteger.valueOf(d))
        .min(BigInteger.valueOf(Long.MAX_VALUE))
        .longValueExact();
  }

  /** ceil(|a| * ppm / 1e6) for ppm >= 0: a fraction of an amount rounded up. */
  public static long ppmCeil(long amount, long ppm) {
    return mulDivCeil(Math.absExact(amount), ppm, PPM);
  }

  /** floor(|a| * ppm / 1e6) for ppm >= 0: a fraction of an amount rounded down. */
  public static long ppmFloor(long amount, long ppm) {
    return mulDivFloor(Math.absExact(amount), ppm, PPM);
  }

  private static boolean fitsLong(long a, long b, long lo) {
    long hi = Math.multiplyHigh(a, b);
    return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0);
  }

  private static long wide(long a, long b, long d, RoundingMode mode) {
    return new BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
        .divide(new BigDecimal(d), 0, mode)
        .longValueExact();
  }
}
