package dev.sable.sequencer.options;

/**
 * The transcendental functions of the pricing model in binary fixed point, integers only, so the
 * same inputs give the same bits on every machine and in any language that has 64-bit integers.
 *
 * <p>Two formats: Q56 (a long holding x * 2^56, range +-128, step 1.4e-17) for logarithms, times
 * and the normal variable; Q62 (x * 2^62, range +-2, step 2.2e-19) for probabilities and densities.
 * Every step rounds toward minus infinity; the absolute error of each function is a few units in
 * the last place of its format (measured against 40-digit references in the tests).
 */
final class FixedMath {
  static final int Q = 56;
  static final long Q_ONE = 1L << Q;
  static final int P = 62;
  static final long P_ONE = 1L << P;
  static final long P_HALF = 1L << (P - 1);

  /** floor(ln 2 * 2^62). */
  static final long LN2_P = 3196577161300663914L;

  /** floor(2^62 / sqrt(2 pi)). */
  static final long INV_SQRT_2PI_P = 1839796536686825613L;

  /** |x| at or above which the normal tail is below 2^-70 and taken as 0 (Phi = 0 or 1). */
  static final long CDF_SATURATION_Q = 10 * Q_ONE;

  /** Below it the cdf sums Marsaglia's series; from it, Laplace's continued fraction. */
  private static final long SERIES_BELOW_Q = 3 * Q_ONE;

  /** Depth of the continued fraction: its error is below 3e-21 for x >= 3 (tests). */
  private static final int FRACTION_DEPTH = 60;

  /** Terms of the Taylor series of e^-r for 0 <= r < ln 2: the rest is below 1e-23. */
  private static final int EXP_TERMS = 20;

  private FixedMath() {}

  /** ln(n) in Q56 for an integer n >= 1 (|result| <= 43.7). */
  static long ln(long n) {
    if (n <= 0) {
      throw new ArithmeticException("ln of a non-positive number");
    }
    int k = 63 - Long.numberOfLeadingZeros(n); // 2^k <= n < 2^(k+1), k <= 62
    long m = n << (P - k); // n / 2^k in Q62, in [1, 2)
    // ln m = 2 atanh(z), z = (m - 1) / (m + 1) in [0, 1/3); m + 1 < 2^64 is taken unsigned
    long a = m - P_ONE;
    long z = Wide.divideUnsigned(a >>> (64 - P), a << P, m + P_ONE);
    long z2 = Wide.mulShift(z, z, P);
    long sum = z;
    long power = z;
    for (int j = 3; ; j += 2) {
      power = Wide.mulShift(power, z2, P);
      if (power == 0) {
        break;
      }
      sum += power / j;
    }
    return Wide.mulShift(k, LN2_P, P - Q) + ((2 * sum) >> (P - Q));
  }

  /** e^-y in Q62 for y >= 0 in Q56. */
  static long expNeg(long y) {
    if (y < 0) {
      throw new ArithmeticException("expNeg of a negative number");
    }
    long k = Wide.divShift(y, LN2_P, P - Q); // floor(y / ln 2)
    if (k >= 63) {
      return 0;
    }
    // r = y - k ln 2 in Q62, in [0, ln 2): the true value fits, so the wrapping terms cancel
    long r = (y << (P - Q)) - k * LN2_P;
    long e = P_ONE;
    for (int n = EXP_TERMS; n >= 1; n--) {
      e = P_ONE - Wide.mulShift(r, e, P) / n;
    }
    return e >> k;
  }

  /** The standard normal density phi(x) in Q62, for |x| < 10 in Q56. */
  static long pdf(long x) {
    if (Math.abs(x) >= CDF_SATURATION_Q) {
      return 0;
    }
    long halfSquare = Wide.mulShift(x, x, Q) >> 1;
    return Wide.mulShift(expNeg(halfSquare), INV_SQRT_2PI_P, P);
  }

  /**
   * The standard normal distribution Phi(x) in Q62 for x in Q56. Exactly symmetric: cdf(-x) = 1 -
   * cdf(x), because both sides come from the same upper tail of |x|.
   */
  static long cdf(long x) {
    long upper = upperTail(Math.abs(x));
    return x >= 0 ? P_ONE - upper : upper;
  }

  /** 1 - Phi(x) in Q62 for x >= 0. */
  private static long upperTail(long x) {
    if (x >= CDF_SATURATION_Q) {
      return 0;
    }
    if (x < SERIES_BELOW_Q) {
      return P_HALF - centralMass(x);
    }
    return Wide.mulShift(pdf(x), millsRatio(x), P);
  }

  /**
   * Phi(x) - 1/2 for 0 <= x < 3, in Q62: Marsaglia's series phi(x) (x + x^3/3 + x^5/(3*5) + ...),
   * all terms positive; summed until a term rounds to zero.
   */
  private static long centralMass(long x) {
    long x2 = Wide.mulShift(x, x, Q);
    long term = Wide.mulShift(x, pdf(x), Q);
    long sum = 0;
    for (long n = 3; term != 0; n += 2) {
      sum += term;
      term = Wide.mulShift(term, x2, Q) / n;
    }
    return sum;
  }

  /**
   * (1 - Phi(x)) / phi(x) in Q62 for 3 <= x < 10 by Laplace's continued fraction 1 / (x + 1 / (x +
   * 2 / (x + 3 / (x + ...)))), evaluated from depth 60 up.
   */
  private static long millsRatio(long x) {
    long f = x;
    for (long k = FRACTION_DEPTH; k >= 1; k--) {
      f = x + Wide.divideUnsigned(k << (2 * Q - 64), 0, f); // k / f in Q56
    }
    return Wide.divideUnsigned(1L << (P + Q - 64), 0, f); // 1 / f in Q62
  }
}
