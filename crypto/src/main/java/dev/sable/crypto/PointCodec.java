package dev.sable.crypto;

import java.math.BigInteger;

/** gnark-crypto's compressed encoding of twisted Edwards points, decoded strictly. */
final class PointCodec {
  private static final Fr HALF_MODULUS = Fr.of(Fr.MODULUS.subtract(BigInteger.ONE).shiftRight(1));

  private PointCodec() {}

  /**
   * gnark-crypto's compressed encoding: y as 32 bytes little-endian, the top bit of the last byte
   * set when x is "negative" (lexicographically largest: x > (r-1)/2).
   */
  static byte[] encode(Fr ax, Fr ay) {
    byte[] be = ay.toBytes();
    if (isNegative(ax)) {
      be[0] |= (byte) 0x80;
    }
    byte[] le = new byte[32];
    for (int i = 0; i < 32; i++) {
      le[i] = be[31 - i];
    }
    return le;
  }

  /** gnark-crypto's LexicographicallyLargest: x > (r-1)/2. */
  private static boolean isNegative(Fr x) {
    return x.compareTo(HALF_MODULUS) > 0;
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
    Montgomery.mul(den, y2, EdwardsPoint.D);
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
    if (isNegative(x) != negative) {
      Montgomery.neg(ax, ax);
      x = Fr.fromMontgomery(ax);
    }
    return new Fr[] {x, Fr.fromMontgomery(ay)};
  }
}
