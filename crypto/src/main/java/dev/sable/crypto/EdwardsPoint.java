package dev.sable.crypto;

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
  static final long[] D =
      mont("12181644023421730124874158521699555681764249180949974110617291017600649128846");
  private static final long[] TWO_D = new long[4];
  private static final long[] TWO = new long[4];

  static {
    Montgomery.add(TWO_D, D, D);
    Montgomery.add(TWO, Montgomery.ONE, Montgomery.ONE);
  }

  static final EdwardsPoint IDENTITY =
      new EdwardsPoint(new long[4], Montgomery.ONE.clone(), Montgomery.ONE.clone(), new long[4]);
  static final EdwardsPoint BASE =
      fromAffine(
          mont("9671717474070082183213120605117400219616337014328744928644933853176787189663"),
          mont("16950150798460657717958625567821834550301663161624707787222815936182638968203"));
  private static final int WINDOW = 5; // variable-base window
  private static final int CHUNKS = 4; // fixed-point multiplication: 4 chunks of 64 bits
  private static final int CHUNK_BITS = 64;
  private static final int BASE_WINDOW = 8; // fixed-base comb window
  private static final int BASE_WINDOWS = 32; // 256-bit scalars
  // BASE_TABLE[i][j] = j * 256^i * BASE, affine
  private static final Cached[][] BASE_TABLE = baseTable();

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

  /**
   * A point prepared for addition: (Y-X, Y+X, 2d*T, 2Z); affine ones (Z = 1) skip a multiplication.
   */
  record Cached(long[] yMinusX, long[] yPlusX, long[] t2d, long[] z2, boolean affine) {
    /** The same point, marked as having Z = 1. */
    Cached asAffine() {
      if (!Montgomery.equal(z2, TWO)) {
        throw new IllegalStateException("not an affine point");
      }
      return new Cached(yMinusX, yPlusX, t2d, z2, true);
    }
  }

  private static long[] mont(String decimal) {
    return Montgomery.toMontgomery(Montgomery.limbs(new BigInteger(decimal)));
  }

  /** Whether (ax, ay) (Montgomery form) satisfies -x^2 + y^2 = 1 + d x^2 y^2. */
  static boolean isOnCurve(long[] ax, long[] ay) {
    long[] x2 = new long[4];
    long[] y2 = new long[4];
    Montgomery.square(x2, ax);
    Montgomery.square(y2, ay);
    long[] left = new long[4];
    Montgomery.sub(left, y2, x2);
    long[] right = new long[4];
    Montgomery.mul(right, x2, y2);
    Montgomery.mul(right, right, D);
    Montgomery.add(right, right, Montgomery.ONE);
    return Montgomery.equal(left, right);
  }

  static EdwardsPoint fromAffine(long[] ax, long[] ay) {
    long[] t = new long[4];
    Montgomery.mul(t, ax, ay);
    return new EdwardsPoint(ax.clone(), ay.clone(), Montgomery.ONE.clone(), t);
  }

  Cached cached() {
    long[] ymx = new long[4];
    long[] ypx = new long[4];
    long[] t2d = new long[4];
    long[] z2 = new long[4];
    Montgomery.sub(ymx, y, x);
    Montgomery.add(ypx, y, x);
    Montgomery.mul(t2d, t, TWO_D);
    Montgomery.add(z2, z, z);
    return new Cached(ymx, ypx, t2d, z2, false);
  }

  private Cached cachedAffine() {
    long[][] a = affine();
    return fromAffine(a[0], a[1]).cached().asAffine();
  }

  EdwardsPoint add(EdwardsPoint q) {
    return add(q.cached());
  }

  EdwardsPoint add(Cached q) {
    EdwardsPoint r = copy();
    r.addInPlace(q, scratch());
    return r;
  }

  EdwardsPoint dbl() {
    EdwardsPoint r = copy();
    r.dblInPlace(true, scratch());
    return r;
  }

  private EdwardsPoint copy() {
    return new EdwardsPoint(x.clone(), y.clone(), z.clone(), t.clone());
  }

  private static long[][] scratch() {
    return new long[4][4];
  }

  /**
   * this += q with add-2008-hwcd-3 (a = -1, k = 2d), complete on this curve. In place, so only on
   * points not yet handed out (the accumulators of the scalar multiplications).
   */
  private void addInPlace(Cached q, long[][] s) {
    long[] e = s[0];
    long[] f = s[1];
    long[] g = s[2];
    long[] h = s[3];
    Montgomery.sub(e, y, x);
    Montgomery.mul(e, e, q.yMinusX()); // A
    Montgomery.add(h, y, x);
    Montgomery.mul(h, h, q.yPlusX()); // B
    Montgomery.mul(f, t, q.t2d()); // C
    if (q.affine()) {
      Montgomery.add(g, z, z); // D
    } else {
      Montgomery.mul(g, z, q.z2());
    }
    Montgomery.sub(e, h, e); // E = B - A
    Montgomery.add(h, h, h);
    Montgomery.sub(h, h, e); // H = B + A = 2B - E
    Montgomery.add(g, g, f); // G = D + C
    Montgomery.add(f, f, f);
    Montgomery.sub(f, g, f); // F = D - C = G - 2C
    product(e, f, g, h, true);
  }

  /** this = 2 * this with dbl-2008-hwcd (a = -1); T only when the next step is an addition. */
  private void dblInPlace(boolean withT, long[][] s) {
    long[] a = s[0];
    long[] b = s[1];
    long[] c = s[2];
    long[] e = s[3];
    Montgomery.square(a, x);
    Montgomery.square(b, y);
    Montgomery.square(c, z);
    Montgomery.add(c, c, c);
    Montgomery.add(e, x, y);
    Montgomery.square(e, e);
    Montgomery.sub(e, e, a);
    Montgomery.sub(e, e, b); // E = (X+Y)^2 - A - B
    Montgomery.sub(b, b, a); // G = D + B = B - A (D = -A)
    Montgomery.add(a, a, a);
    Montgomery.add(a, a, b);
    Montgomery.neg(a, a); // H = D - B = -(2A + G)
    Montgomery.sub(c, b, c); // F = G - C
    product(e, c, b, a, withT);
  }

  // X = E*F, Y = G*H, Z = F*G, T = E*H
  private void product(long[] e, long[] f, long[] g, long[] h, boolean withT) {
    Montgomery.mul(x, e, f);
    Montgomery.mul(y, g, h);
    Montgomery.mul(z, f, g);
    if (withT) {
      Montgomery.mul(t, e, h);
    }
  }

  EdwardsPoint negate() {
    long[] nx = new long[4];
    long[] nt = new long[4];
    Montgomery.neg(nx, x);
    Montgomery.neg(nt, t);
    return new EdwardsPoint(nx, y, z, nt);
  }

  /**
   * Multiples [0 .. 2^WINDOW) of this point, prepared for {@link #multiply(Cached[], BigInteger)}.
   */
  Cached[] windowTable() {
    Cached[] table = new Cached[1 << WINDOW];
    EdwardsPoint p = IDENTITY;
    Cached self = cached();
    for (int j = 0; j < table.length; j++) {
      table[j] = p.cached();
      p = p.add(self);
    }
    return table;
  }

  /** [k]P for a table from {@link #windowTable()} and 0 <= k < 2^256. */
  static EdwardsPoint multiply(Cached[] table, BigInteger k) {
    EdwardsPoint acc = IDENTITY.copy();
    long[][] s = scratch();
    for (int i = (k.bitLength() + WINDOW - 1) / WINDOW - 1; i >= 0; i--) {
      for (int j = 0; j < WINDOW; j++) {
        acc.dblInPlace(j == WINDOW - 1, s);
      }
      int digit = digit(k, i, WINDOW);
      if (digit != 0) {
        acc.addInPlace(table[digit], s);
      }
    }
    return acc;
  }

  /**
   * Window tables of P, [2^64]P, [2^128]P and [2^192]P, for {@link #multiplyFixed}: a point that is
   * multiplied often (a public key) pays 192 doublings once, and each multiplication then needs 64
   * doublings instead of 256.
   */
  Cached[][] fixedTables() {
    Cached[][] tables = new Cached[CHUNKS][];
    EdwardsPoint p = this;
    for (int c = 0; c < CHUNKS; c++) {
      tables[c] = p.windowTable();
      for (int i = 0; i < CHUNK_BITS; i++) {
        p = p.dbl();
      }
    }
    return tables;
  }

  /** [k]P for tables from {@link #fixedTables()} and 0 <= k < 2^256 (Straus over the chunks). */
  static EdwardsPoint multiplyFixed(Cached[][] tables, BigInteger k) {
    if (k.signum() < 0 || k.bitLength() > CHUNKS * CHUNK_BITS) {
      throw new IllegalArgumentException("scalar out of range");
    }
    EdwardsPoint acc = IDENTITY.copy();
    long[][] s = scratch();
    for (int w = (CHUNK_BITS + WINDOW - 1) / WINDOW - 1; w >= 0; w--) {
      for (int j = 0; j < WINDOW; j++) {
        acc.dblInPlace(j == WINDOW - 1, s);
      }
      for (int c = 0; c < CHUNKS; c++) {
        int digit = chunkDigit(k, c * CHUNK_BITS, w);
        if (digit != 0) {
          acc.addInPlace(tables[c][digit], s);
        }
      }
    }
    return acc;
  }

  // bits [offset + w*WINDOW, offset + (w+1)*WINDOW) of k, cut at the chunk's end
  private static int chunkDigit(BigInteger k, int offset, int w) {
    int n = 0;
    for (int b = Math.min(WINDOW, CHUNK_BITS - w * WINDOW) - 1; b >= 0; b--) {
      n = (n << 1) | (k.testBit(offset + w * WINDOW + b) ? 1 : 0);
    }
    return n;
  }

  EdwardsPoint multiply(BigInteger k) {
    return multiply(windowTable(), k);
  }

  /** [k]BASE for 0 <= k < 2^256, from the fixed-base comb (additions only). */
  static EdwardsPoint multiplyBase(BigInteger k) {
    if (k.signum() < 0 || k.bitLength() > BASE_WINDOW * BASE_WINDOWS) {
      throw new IllegalArgumentException("scalar out of range");
    }
    EdwardsPoint acc = IDENTITY.copy();
    long[][] s = scratch();
    for (int i = 0; i < BASE_WINDOWS; i++) {
      int digit = digit(k, i, BASE_WINDOW);
      if (digit != 0) {
        acc.addInPlace(BASE_TABLE[i][digit], s);
      }
    }
    return acc;
  }

  private static int digit(BigInteger k, int i, int width) {
    int n = 0;
    for (int b = width - 1; b >= 0; b--) {
      n = (n << 1) | (k.testBit(i * width + b) ? 1 : 0);
    }
    return n;
  }

  private static Cached[][] baseTable() {
    Cached[][] table = new Cached[BASE_WINDOWS][1 << BASE_WINDOW];
    EdwardsPoint base = BASE;
    for (int i = 0; i < BASE_WINDOWS; i++) {
      EdwardsPoint p = base;
      Cached step = base.cached();
      for (int j = 1; j < table[i].length; j++) {
        table[i][j] = p.cachedAffine();
        p = p.add(step);
      }
      base = p; // 256 * base
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
}
