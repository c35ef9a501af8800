package dev.sable.sequencer.options;

/**
 * The 128-bit steps the fixed-point model needs, on pairs of longs: a product shifted right, and a
 * quotient of a 128-bit numerator by a 64-bit divisor. Every result is exact (floor), and a result
 * that does not fit a long throws {@link ArithmeticException}, so no step wraps silently.
 */
final class Wide {
  private static final long DIGIT = 1L << 32;
  private static final long LOW_DIGIT = DIGIT - 1;

  private Wide() {}

  /** floor(a * b / 2^s) for 1 <= s <= 63. */
  static long mulShift(long a, long b, int s) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    long above = hi >> (s - 1); // the bits above the result's sign bit must all equal it
    if (above != 0 && above != -1) {
      throw new ArithmeticException("fixed-point product does not fit a long");
    }
    return (hi << (64 - s)) | (lo >>> s);
  }

  /** floor(a * 2^s / b) for b > 0 and 0 <= s <= 63. */
  static long divShift(long a, long b, int s) {
    if (b <= 0 || a == Long.MIN_VALUE) {
      throw new ArithmeticException("divShift needs b > 0 and a > Long.MIN_VALUE");
    }
    long m = Math.abs(a);
    long hi = s == 0 ? 0 : m >>> (64 - s);
    long lo = m << s;
    if (Long.compareUnsigned(hi, b) >= 0) {
      throw new ArithmeticException("fixed-point quotient does not fit a long");
    }
    long q = divideUnsigned(hi, lo, b); // unsigned
    boolean exact = lo - q * b == 0; // the remainder, computed mod 2^64, is below b
    if (a >= 0 && q >= 0) {
      return q;
    }
    if (a < 0 && q >= 0) {
      return exact ? -q : -q - 1;
    }
    if (a < 0 && q == Long.MIN_VALUE && exact) {
      return Long.MIN_VALUE; // -2^63 exactly
    }
    throw new ArithmeticException("fixed-point quotient does not fit a long");
  }

  /**
   * The unsigned quotient of the 128-bit unsigned value (hi, lo) by the unsigned divisor d, which
   * must exceed hi (so the quotient fits 64 bits). Knuth's algorithm D on 32-bit digits, as in
   * Hacker's Delight (divlu): two quotient digits, each estimated from the divisor's top digit and
   * corrected at most twice.
   */
  static long divideUnsigned(long hi, long lo, long d) {
    if (Long.compareUnsigned(hi, d) >= 0) {
      throw new ArithmeticException("128-bit quotient does not fit 64 bits");
    }
    int shift = Long.numberOfLeadingZeros(d);
    long v = d << shift;
    long vHigh = v >>> 32;
    long vLow = v & LOW_DIGIT;
    long top = shift == 0 ? hi : (hi << shift) | (lo >>> (64 - shift));
    long rest = lo << shift;
    long q1 = quotientDigit(top, rest >>> 32, vHigh, vLow);
    long middle = (top << 32) + (rest >>> 32) - q1 * v; // the partial remainder, below v
    long q0 = quotientDigit(middle, rest & LOW_DIGIT, vHigh, vLow);
    return (q1 << 32) + q0;
  }

  /** One digit of (top * 2^32 + next) / v, where v = vHigh * 2^32 + vLow is normalized. */
  private static long quotientDigit(long top, long next, long vHigh, long vLow) {
    long q = Long.divideUnsigned(top, vHigh);
    long r = top - q * vHigh;
    while (Long.compareUnsigned(q, DIGIT) >= 0
        || Long.compareUnsigned(q * vLow, (r << 32) + next) > 0) {
      q--;
      r += vHigh;
      if (Long.compareUnsigned(r, DIGIT) >= 0) {
        break;
      }
    }
    return q;
  }

  /** floor(sqrt(n)) for n >= 0, by integer Newton steps from a power of two above the root. */
  static long sqrtFloor(long n) {
    if (n < 0) {
      throw new ArithmeticException("square root of a negative number");
    }
    if (n < 2) {
      return n;
    }
    int bits = 64 - Long.numberOfLeadingZeros(n);
    long x = 1L << ((bits + 1) / 2); // >= sqrt(n)
    while (true) {
      long next = (x + n / x) >>> 1;
      if (next >= x) {
        return x;
      }
      x = next;
    }
  }

  /** ceil(sqrt(n)) for n >= 0. */
  static long sqrtCeil(long n) {
    long r = sqrtFloor(n);
    return r * r == n ? r : r + 1;
  }
}
