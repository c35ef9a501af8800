package dev.sable.crypto;

import java.math.BigInteger;

/**
 * Arithmetic in the BN254 scalar field on four little-endian 64-bit limbs in Montgomery form (value
 * * 2^256 mod r). The hot paths (Poseidon2, curve arithmetic) work on these arrays to avoid
 * allocation; {@link Fr} is the canonical value type at the API. Outputs may alias inputs.
 */
final class Montgomery {
  static final BigInteger MODULUS =
      new BigInteger("30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001", 16);

  private static final long Q0 = 0x43e1f593f0000001L;
  private static final long Q1 = 0x2833e84879b97091L;
  private static final long Q2 = 0xb85045b68181585dL;
  private static final long Q3 = 0x30644e72e131a029L;
  // -r^-1 mod 2^64
  private static final long QINV = 0xc2e1f593efffffffL;
  private static final long[] R_SQUARED = limbs(BigInteger.ONE.shiftLeft(512).mod(MODULUS));
  private static final long[] ONE_RAW = {1, 0, 0, 0};
  static final long[] ONE = toMontgomery(ONE_RAW);

  private Montgomery() {}

  static long[] limbs(BigInteger x) {
    long[] l = new long[4];
    for (int i = 0; i < 4; i++) {
      l[i] = x.shiftRight(64 * i).longValue();
    }
    return l;
  }

  static BigInteger toBigInteger(long[] raw) {
    byte[] be = new byte[32];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 8; j++) {
        be[31 - 8 * i - j] = (byte) (raw[i] >>> (8 * j));
      }
    }
    return new BigInteger(1, be);
  }

  static long[] toMontgomery(long[] raw) {
    long[] z = new long[4];
    mul(z, raw, R_SQUARED);
    return z;
  }

  static long[] fromMontgomery(long[] m) {
    long[] z = new long[4];
    mul(z, m, ONE_RAW);
    return z;
  }

  /**
   * The carry out of t + lo(m * Q0) for m = t * QINV: that low word is -t mod 2^64 by the choice of
   * m, so the sum is 0 mod 2^64 and carries unless t = 0. Saves computing the low word.
   */
  private static long lowWordCarry(long t) {
    return t != 0 ? 1 : 0;
  }

  /** z = x * y / 2^256 mod r. */
  static void mul(long[] z, long[] x, long[] y) {
    mulBelow2r(z, x, y);
    reduce(z);
  }

  /**
   * z = x^2 / 2^256 mod r. The general product: a dedicated schoolbook square (10 products rather
   * than 16) measured slower here, its straight-line code spilling registers.
   */
  static void square(long[] z, long[] x) {
    mul(z, x, x);
  }

  /**
   * z = x * y / 2^256 mod r, in [0, 2r) rather than canonical: for x, y < 2r. CIOS, for each word
   * y_i: t += x * y_i (five words), then t = (t + m * r) / 2^64 for m = t_0 * QINV. Kept as two
   * passes rather than interleaved: fewer values live at once, which measured faster. t stays below
   * x + r + 1 < 3r < 2^256 (r < 2^254), so after the division it fits four words again, and the
   * last is (x * y + M * r) / 2^256 < 4r^2 / 2^256 + r < 2r since 4r < 2^256. The output may be fed
   * back in unreduced (the S-box of {@link Poseidon2}), saving the final subtraction.
   */
  static void mulBelow2r(long[] z, long[] x, long[] y) {
    long x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3];
    long t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (int i = 0; i < 4; i++) {
      long yi = y[i];
      // t += x * y_i; the carries a stay below 2^64: x_j * y_i + t_j + a < 2^128
      long lo = x0 * yi + t0;
      long a = Math.unsignedMultiplyHigh(x0, yi) + below(lo, t0);
      t0 = lo;
      lo = x1 * yi;
      long hi = Math.unsignedMultiplyHigh(x1, yi);
      lo += t1;
      hi += below(lo, t1);
      lo += a;
      hi += below(lo, a);
      t1 = lo;
      a = hi;
      lo = x2 * yi;
      hi = Math.unsignedMultiplyHigh(x2, yi);
      lo += t2;
      hi += below(lo, t2);
      lo += a;
      hi += below(lo, a);
      t2 = lo;
      a = hi;
      lo = x3 * yi;
      hi = Math.unsignedMultiplyHigh(x3, yi);
      lo += t3;
      hi += below(lo, t3);
      lo += a;
      hi += below(lo, a);
      t3 = lo;
      long t4 = hi;
      // t = (t + m * r) / 2^64
      long m = t0 * QINV;
      long c = Math.unsignedMultiplyHigh(m, Q0) + lowWordCarry(t0);
      lo = m * Q1;
      hi = Math.unsignedMultiplyHigh(m, Q1);
      lo += t1;
      hi += below(lo, t1);
      lo += c;
      hi += below(lo, c);
      t0 = lo;
      c = hi;
      lo = m * Q2;
      hi = Math.unsignedMultiplyHigh(m, Q2);
      lo += t2;
      hi += below(lo, t2);
      lo += c;
      hi += below(lo, c);
      t1 = lo;
      c = hi;
      lo = m * Q3;
      hi = Math.unsignedMultiplyHigh(m, Q3);
      lo += t3;
      hi += below(lo, t3);
      lo += c;
      hi += below(lo, c);
      t2 = lo;
      t3 = t4 + hi; // no carry out: t < 2^256
    }
    z[0] = t0;
    z[1] = t1;
    z[2] = t2;
    z[3] = t3;
  }

  static void add(long[] z, long[] x, long[] y) {
    addBelow2r(z, x, y);
    reduce(z);
  }

  /**
   * z = x + y without reduction: for canonical x, y the sum is below 2r (< 2^255, no carry out),
   * which {@link #mulBelow2r} accepts.
   */
  static void addBelow2r(long[] z, long[] x, long[] y) {
    long x3 = x[3], y3 = y[3];
    long p0 = x[0] + y[0];
    long p1 = x[1] + y[1];
    long p2 = x[2] + y[2];
    // carries into limbs 1-3: a limb carries if its own sum wrapped, or it is all ones and a
    // carry comes in (chained from bits computed side by side, as in reduceInto)
    long c1 = below(p0, y[0]);
    long c2 = below(p1, y[1]) | (equal(p1, -1) & c1);
    long c3 = below(p2, y[2]) | (equal(p2, -1) & c2);
    z[0] = p0;
    z[1] = p1 + c1;
    z[2] = p2 + c2;
    z[3] = x3 + y3 + c3;
  }

  static void sub(long[] z, long[] x, long[] y) {
    long d0 = x[0] - y[0];
    long b = ((~x[0] & y[0]) | (~(x[0] ^ y[0]) & d0)) >>> 63;
    long d1 = x[1] - y[1] - b;
    b = ((~x[1] & y[1]) | (~(x[1] ^ y[1]) & d1)) >>> 63;
    long d2 = x[2] - y[2] - b;
    b = ((~x[2] & y[2]) | (~(x[2] ^ y[2]) & d2)) >>> 63;
    long d3 = x[3] - y[3] - b;
    b = ((~x[3] & y[3]) | (~(x[3] ^ y[3]) & d3)) >>> 63;
    long back = -b; // all ones if x < y: add r back (masked, no data-dependent branch)
    long r0 = Q0 & back;
    long r1 = Q1 & back;
    long r2 = Q2 & back;
    long r3 = Q3 & back;
    long s0 = d0 + r0;
    long c = ((d0 & r0) | ((d0 | r0) & ~s0)) >>> 63;
    long s1 = d1 + r1 + c;
    c = ((d1 & r1) | ((d1 | r1) & ~s1)) >>> 63;
    long s2 = d2 + r2 + c;
    c = ((d2 & r2) | ((d2 | r2) & ~s2)) >>> 63;
    z[0] = s0;
    z[1] = s1;
    z[2] = s2;
    z[3] = d3 + r3 + c;
  }

  static void neg(long[] z, long[] x) {
    sub(z, new long[4], x);
  }

  /** z = z mod r, for z < 2r. */
  static void reduce(long[] z) {
    reduceInto(z, z[0], z[1], z[2], z[3]);
  }

  /**
   * Writes t mod r into z, for t < 2r: t - r unless that borrows. Selected by mask, without a
   * branch: whether t >= r depends on the data, so a branch would mispredict often. The borrows are
   * chained from per-limb "below" and "equal" bits (computed side by side), which is a shorter
   * dependency chain than deriving each borrow from the previous difference.
   */
  private static void reduceInto(long[] z, long t0, long t1, long t2, long t3) {
    long b1 = below(t0, Q0);
    long b2 = below(t1, Q1) | (equal(t1, Q1) & b1);
    long b3 = below(t2, Q2) | (equal(t2, Q2) & b2);
    long keep = -(below(t3, Q3) | (equal(t3, Q3) & b3)); // all ones: t < r, keep t
    long d0 = t0 - Q0;
    long d1 = t1 - Q1 - b1;
    long d2 = t2 - Q2 - b2;
    long d3 = t3 - Q3 - b3;
    z[0] = d0 ^ ((d0 ^ t0) & keep);
    z[1] = d1 ^ ((d1 ^ t1) & keep);
    z[2] = d2 ^ ((d2 ^ t2) & keep);
    z[3] = d3 ^ ((d3 ^ t3) & keep);
  }

  /**
   * 1 if x < y as unsigned words, else 0. Also the carry out of sum = addend + another word: the
   * sum wrapped below the addend exactly when it carried, so {@code below(sum, addend)} is that
   * carry.
   */
  private static long below(long x, long y) {
    return Long.compareUnsigned(x, y) < 0 ? 1 : 0;
  }

  private static long equal(long x, long y) {
    return x == y ? 1 : 0;
  }

  /** Whether the limbs (little-endian) encode a value below r. */
  static boolean isCanonical(long l0, long l1, long l2, long l3) {
    if (l3 != Q3) {
      return Long.compareUnsigned(l3, Q3) < 0;
    }
    if (l2 != Q2) {
      return Long.compareUnsigned(l2, Q2) < 0;
    }
    if (l1 != Q1) {
      return Long.compareUnsigned(l1, Q1) < 0;
    }
    return Long.compareUnsigned(l0, Q0) < 0;
  }

  static boolean isZero(long[] x) {
    return (x[0] | x[1] | x[2] | x[3]) == 0;
  }

  static boolean equal(long[] x, long[] y) {
    return x[0] == y[0] && x[1] == y[1] && x[2] == y[2] && x[3] == y[3];
  }

  /** z = x^e for a non-negative exponent e: left-to-right, 4-bit sliding window. */
  static void pow(long[] z, long[] x, BigInteger e) {
    long[][] odd = new long[8][]; // x^1, x^3, ..., x^15
    odd[0] = x.clone();
    long[] x2 = new long[4];
    square(x2, x);
    for (int i = 1; i < odd.length; i++) {
      odd[i] = new long[4];
      mul(odd[i], odd[i - 1], x2);
    }
    long[] acc = ONE.clone();
    int i = e.bitLength() - 1;
    while (i >= 0) {
      if (!e.testBit(i)) {
        square(acc, acc);
        i--;
        continue;
      }
      int low = Math.max(i - 3, 0); // window [low, i], ending in a set bit
      while (!e.testBit(low)) {
        low++;
      }
      int window = 0;
      for (int b = i; b >= low; b--) {
        square(acc, acc);
        window = (window << 1) | (e.testBit(b) ? 1 : 0);
      }
      mul(acc, acc, odd[window >>> 1]);
      i = low - 1;
    }
    System.arraycopy(acc, 0, z, 0, 4);
  }

  static void inverse(long[] z, long[] x) {
    if (isZero(x)) {
      throw new ArithmeticException("inverse of zero");
    }
    // BigInteger's binary inversion beats Fermat in Montgomery form here
    BigInteger plain = toBigInteger(fromMontgomery(x)).modInverse(MODULUS);
    System.arraycopy(toMontgomery(limbs(plain)), 0, z, 0, 4);
  }

  private static final int TWO_ADICITY = 28;
  private static final BigInteger ODD_PART =
      MODULUS.subtract(BigInteger.ONE).shiftRight(TWO_ADICITY);
  // 5 generates the multiplicative group; 5^ODD_PART has order 2^28.
  private static final long[] ROOT_OF_UNITY = powConstant(5, ODD_PART);

  private static long[] powConstant(long base, BigInteger e) {
    long[] z = new long[4];
    pow(z, toMontgomery(new long[] {base, 0, 0, 0}), e);
    return z;
  }

  /** Tonelli-Shanks: writes a square root of x into z, or returns false if x is not a square. */
  static boolean sqrt(long[] z, long[] x) {
    if (isZero(x)) {
      System.arraycopy(x, 0, z, 0, 4);
      return true;
    }
    long[] w = new long[4];
    pow(w, x, ODD_PART.subtract(BigInteger.ONE).shiftRight(1));
    long[] y = new long[4];
    mul(y, x, w);
    long[] b = new long[4];
    mul(b, y, w);
    long[] g = ROOT_OF_UNITY.clone();
    long[] t = new long[4];
    int v = TWO_ADICITY;
    while (!equal(b, ONE)) {
      int m = 0;
      System.arraycopy(b, 0, t, 0, 4);
      while (!equal(t, ONE)) {
        square(t, t);
        if (++m == v) {
          return false;
        }
      }
      long[] gg = g.clone();
      for (int k = 0; k < v - m - 1; k++) {
        square(gg, gg);
      }
      square(g, gg);
      mul(y, y, gg);
      mul(b, b, g);
      v = m;
    }
    System.arraycopy(y, 0, z, 0, 4);
    return true;
  }
}
