package dev.sable.sequencer.crypto;

import java.math.BigInteger;

/**
 * A point of gnark-crypto's twisted Edwards curve over the BN254 scalar field, -x^2 + y^2 = 1 + d
 * x^2 y^2 (the a = -1 form of Baby Jubjub), in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy
 * = T/Z, limbs in Montgomery form. Immutable.
 */
final class EdwardsPoint {
  static final BigInteger ORDER =
      new BigInteger(
          "2736030358979909402780800718157159386076813972158567259200215660948447373041");
  private static final long[] D =
      mont("12181644023421730124874158521699555681764249180949974110617291017600649128846");
  private static final long[] TWO_D = new long[4];
  private static final BigInteger HALF_MODULUS = Fr.MODULUS.subtract(BigInteger.ONE).shiftRight(1);

  static {
    Montgomery.add(TWO_D, D, D);
  }

  static final EdwardsPoint IDENTITY =
      new EdwardsPoint(new long[4], Montgomery.ONE.clone(), Montgomery.ONE.clone(), new long[4]);
  static final EdwardsPoint BASE =
      fromAffine(
          mont("9671717474070082183213120605117400219616337014328744928644933853176787189663"),
          mont("16950150798460657717958625567821834550301663161624707787222815936182638968203"));
  private static final int WINDOW = 4;
  private static final int WINDOWS = 64; // 256-bit scalars
  // BASE_TABLE[i][j] = j * 16^i * BASE
  private static final EdwardsPoint[][] BASE_TABLE = baseTable();

  private final long[] x;
  private final long[] y;
  private final long[] z;
  private final long[] t;

  private EdwardsPoint(long[] x, long[] y, long[] z, long[] t) {
    this.x = x;
    this.y = y;
    this.z = z;
    this.t = t;
  }

  private static long[] mont(String decimal) {
    return Montgomery.toMontgomery(Montgomery.limbs(new BigInteger(decimal)));
  }

  static EdwardsPoint fromAffine(long[] ax, long[] ay) {
    long[] t = new long[4];
    Montgomery.mul(t, ax, ay);
    return new EdwardsPoint(ax.clone(), ay.clone(), Montgomery.ONE.clone(), t);
  }

  static boolean isOnCurve(long[] ax, long[] ay) {
    long[] x2 = new long[4];
    long[] y2 = new long[4];
    Montgomery.square(x2, ax);
    Montgomery.square(y2, ay);
    long[] lhs = new long[4];
    Montgomery.sub(lhs, y2, x2);
    long[] rhs = new long[4];
    Montgomery.mul(rhs, x2, y2);
    Montgomery.mul(rhs, rhs, D);
    Montgomery.add(rhs, rhs, Montgomery.ONE);
    return Montgomery.equal(lhs, rhs);
  }

  /** add-2008-hwcd-3 (a = -1), complete on this curve. */
  EdwardsPoint add(EdwardsPoint q) {
    long[] a = new long[4];
    long[] b = new long[4];
    long[] tmp = new long[4];
    Montgomery.sub(a, y, x);
    Montgomery.sub(tmp, q.y, q.x);
    Montgomery.mul(a, a, tmp);
    Montgomery.add(b, y, x);
    Montgomery.add(tmp, q.y, q.x);
    Montgomery.mul(b, b, tmp);
    long[] c = new long[4];
    Montgomery.mul(c, t, TWO_D);
    Montgomery.mul(c, c, q.t);
    long[] d = new long[4];
    Montgomery.mul(d, z, q.z);
    Montgomery.add(d, d, d);
    long[] e = new long[4];
    Montgomery.sub(e, b, a);
    long[] f = new long[4];
    Montgomery.sub(f, d, c);
    long[] g = new long[4];
    Montgomery.add(g, d, c);
    long[] h = new long[4];
    Montgomery.add(h, b, a);
    return product(e, f, g, h);
  }

  /** dbl-2008-hwcd with a = -1. */
  EdwardsPoint dbl() {
    long[] a = new long[4];
    Montgomery.square(a, x);
    long[] b = new long[4];
    Montgomery.square(b, y);
    long[] c = new long[4];
    Montgomery.square(c, z);
    Montgomery.add(c, c, c);
    long[] e = new long[4];
    Montgomery.add(e, x, y);
    Montgomery.square(e, e);
    Montgomery.sub(e, e, a);
    Montgomery.sub(e, e, b);
    long[] g = new long[4];
    Montgomery.sub(g, b, a); // D + B with D = -A
    long[] f = new long[4];
    Montgomery.sub(f, g, c);
    long[] h = new long[4];
    Montgomery.add(h, a, b);
    Montgomery.neg(h, h); // D - B = -A - B
    return product(e, f, g, h);
  }

  private static EdwardsPoint product(long[] e, long[] f, long[] g, long[] h) {
    long[] x3 = new long[4];
    long[] y3 = new long[4];
    long[] t3 = new long[4];
    long[] z3 = new long[4];
    Montgomery.mul(x3, e, f);
    Montgomery.mul(y3, g, h);
    Montgomery.mul(t3, e, h);
    Montgomery.mul(z3, f, g);
    return new EdwardsPoint(x3, y3, z3, t3);
  }

  EdwardsPoint negate() {
    long[] nx = new long[4];
    long[] nt = new long[4];
    Montgomery.neg(nx, x);
    Montgomery.neg(nt, t);
    return new EdwardsPoint(nx, y, z, nt);
  }

  /** [0..15] multiples, for 4-bit windowed multiplication. */
  EdwardsPoint[] windowTable() {
    EdwardsPoint[] table = new EdwardsPoint[1 << WINDOW];
    table[0] = IDENTITY;
    table[1] = this;
    for (int j = 2; j < table.length; j++) {
      table[j] = table[j - 1].add(this);
    }
    return table;
  }

  /** [k]P for a table from {@link #windowTable()} and 0 <= k < 2^256. */
  static EdwardsPoint multiply(EdwardsPoint[] table, BigInteger k) {
    EdwardsPoint acc = IDENTITY;
    for (int i = (k.bitLength() + WINDOW - 1) / WINDOW - 1; i >= 0; i--) {
      for (int j = 0; j < WINDOW; j++) {
        acc = acc.dbl();
      }
      int nibble = nibble(k, i);
      if (nibble != 0) {
        acc = acc.add(table[nibble]);
      }
    }
    return acc;
  }

  EdwardsPoint multiply(BigInteger k) {
    return multiply(windowTable(), k);
  }

  /** [k]BASE for 0 <= k < 2^256, from the fixed-base table (no doublings). */
  static EdwardsPoint multiplyBase(BigInteger k) {
    if (k.signum() < 0 || k.bitLength() > WINDOW * WINDOWS) {
      throw new IllegalArgumentException("scalar out of range");
    }
    EdwardsPoint acc = IDENTITY;
    for (int i = 0; i < WINDOWS; i++) {
      int nibble = nibble(k, i);
      if (nibble != 0) {
        acc = acc.add(BASE_TABLE[i][nibble]);
      }
    }
    return acc;
  }

  private static int nibble(BigInteger k, int i) {
    int n = 0;
    for (int b = WINDOW - 1; b >= 0; b--) {
      n = (n << 1) | (k.testBit(i * WINDOW + b) ? 1 : 0);
    }
    return n;
  }

  private static EdwardsPoint[][] baseTable() {
    EdwardsPoint[][] table = new EdwardsPoint[WINDOWS][];
    EdwardsPoint base = BASE;
    for (int i = 0; i < WINDOWS; i++) {
      table[i] = base.windowTable();
      for (int j = 0; j < WINDOW; j++) {
        base = base.dbl();
      }
    }
    return table;
  }

  boolean isIdentity() {
    return Montgomery.isZero(x) && Montgomery.equal(y, z);
  }

  boolean isInPrimeSubgroup() {
    return multiply(ORDER).isIdentity();
  }

  /** Whether this point is the affine point (ax, ay). */
  boolean equalsAffine(long[] ax, long[] ay) {
    long[] tmp = new long[4];
    Montgomery.mul(tmp, ax, z);
    if (!Montgomery.equal(tmp, x)) {
      return false;
    }
    Montgomery.mul(tmp, ay, z);
    return Montgomery.equal(tmp, y);
  }

  /** Affine coordinates {x, y}, Montgomery form. */
  long[][] affine() {
    long[] zInv = new long[4];
    Montgomery.inverse(zInv, z);
    long[] ax = new long[4];
    long[] ay = new long[4];
    Montgomery.mul(ax, x, zInv);
    Montgomery.mul(ay, y, zInv);
    return new long[][] {ax, ay};
  }

  /**
   * gnark-crypto's compressed encoding: y as 32 bytes little-endian, the top bit of the last byte
   * set when x is "negative" (lexicographically largest: x > (r-1)/2).
   */
  static byte[] encode(Fr ax, Fr ay) {
    byte[] be = ay.toBytes();
    if (ax.toBigInteger().compareTo(HALF_MODULUS) > 0) {
      be[0] |= (byte) 0x80;
    }
    byte[] le = new byte[32];
    for (int i = 0; i < 32; i++) {
      le[i] = be[31 - i];
    }
    return le;
  }

  /**
   * Decodes a compressed point strictly: canonical y (< r), x recoverable from the curve equation,
   * no sign flag on x = 0. Returns affine {x, y} in canonical form; subgroup membership is the
   * caller's check.
   */
  static Fr[] decode(byte[] encoded) {
    if (encoded.length != 32) {
      throw new InvalidEncodingException("point encoding needs 32 bytes, got " + encoded.length);
    }
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = encoded[31 - i];
    }
    boolean negative = (be[0] & 0x80) != 0;
    be[0] &= 0x7f;
    BigInteger yValue = new BigInteger(1, be);
    if (yValue.compareTo(Fr.MODULUS) >= 0) {
      throw new InvalidEncodingException("point y is not reduced");
    }
    long[] ay = Montgomery.toMontgomery(Montgomery.limbs(yValue));
    // x^2 = (1 - y^2) / (a - d y^2), a = -1
    long[] y2 = new long[4];
    Montgomery.square(y2, ay);
    long[] num = new long[4];
    Montgomery.sub(num, Montgomery.ONE, y2);
    long[] den = new long[4];
    Montgomery.mul(den, y2, D);
    Montgomery.add(den, den, Montgomery.ONE);
    Montgomery.neg(den, den);
    if (Montgomery.isZero(den)) {
      throw new InvalidEncodingException("point not on curve");
    }
    Montgomery.inverse(den, den);
    long[] x2 = new long[4];
    Montgomery.mul(x2, num, den);
    long[] ax = new long[4];
    if (!Montgomery.sqrt(ax, x2)) {
      throw new InvalidEncodingException("point not on curve");
    }
    Fr x = Fr.fromMontgomery(ax);
    if (x.isZero() && negative) {
      throw new InvalidEncodingException("sign flag set on x = 0");
    }
    if ((x.toBigInteger().compareTo(HALF_MODULUS) > 0) != negative) {
      Montgomery.neg(ax, ax);
      x = Fr.fromMontgomery(ax);
    }
    return new Fr[] {x, Fr.fromMontgomery(ay)};
  }
}
