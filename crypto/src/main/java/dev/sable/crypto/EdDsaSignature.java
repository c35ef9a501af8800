package dev.sable.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An EdDSA signature: R (compressed point, 32 bytes) || S (32 bytes big-endian), gnark-crypto's
 * Signature.Bytes; or uncompressed, R.x || R.y || S (96 bytes, each big-endian), which costs no
 * square root to decode (the node's intake reads this form). Decoding checks the structure
 * (canonical R on the curve, 0 < S < l); whether R lies in the subgroup is settled by {@link
 * EdDsaPublicKey#verify}. Both forms decode the same signatures.
 */
public record EdDsaSignature(Fr rx, Fr ry, BigInteger s) {
  public static final int BYTES = 64;

  /** Bytes of the uncompressed form. */
  public static final int UNCOMPRESSED_BYTES = 96;

  public EdDsaSignature {
    if (s.signum() <= 0 || s.compareTo(EdwardsPoint.ORDER) >= 0) {
      throw new InvalidEncodingException("signature S out of range (0, l)");
    }
  }

  public static EdDsaSignature decode(byte[] encoded) {
    if (encoded.length != BYTES) {
      throw new InvalidEncodingException("signature needs 64 bytes, got " + encoded.length);
    }
    byte[] r = Arrays.copyOfRange(encoded, 0, 32);
    Fr[] xy = PointCodec.decode(r);
    if (xy[1].isZero()) { // gnark-crypto rejects R with y = 0 (order-4 points)
      throw new InvalidEncodingException("signature R has y = 0");
    }
    return new EdDsaSignature(xy[0], xy[1], new BigInteger(1, Arrays.copyOfRange(encoded, 32, 64)));
  }

  /** Decodes R.x || R.y || S: each canonical, R on the curve with y != 0, 0 < S < l. */
  public static EdDsaSignature decodeUncompressed(byte[] encoded) {
    if (encoded.length != UNCOMPRESSED_BYTES) {
      throw new InvalidEncodingException(
          "an uncompressed signature needs 96 bytes, got " + encoded.length);
    }
    Fr rx = coordinate(encoded, 0);
    Fr ry = coordinate(encoded, 32);
    if (!EdwardsPoint.isOnCurve(rx.toMontgomery(), ry.toMontgomery())) {
      throw new InvalidEncodingException("signature R is not on the curve");
    }
    if (ry.isZero()) { // as decode: gnark-crypto rejects R with y = 0 (order-4 points)
      throw new InvalidEncodingException("signature R has y = 0");
    }
    return new EdDsaSignature(rx, ry, new BigInteger(1, Arrays.copyOfRange(encoded, 64, 96)));
  }

  private static Fr coordinate(byte[] encoded, int offset) {
    BigInteger v = new BigInteger(1, Arrays.copyOfRange(encoded, offset, offset + 32));
    if (v.compareTo(Fr.MODULUS) >= 0) {
      throw new InvalidEncodingException("signature R is not reduced");
    }
    return Fr.of(v);
  }

  /** R.x || R.y || S, each 32 bytes big-endian. */
  public byte[] encodeUncompressed() {
    byte[] out = new byte[UNCOMPRESSED_BYTES];
    writeUncompressed(out, 0);
    return out;
  }

  /** Writes R.x || R.y || S (96 bytes) into out at offset. */
  public void writeUncompressed(byte[] out, int offset) {
    rx.writeTo(out, offset);
    ry.writeTo(out, offset + 32);
    writeS(out, offset + 64);
  }

  public byte[] encode() {
    byte[] out = new byte[BYTES];
    System.arraycopy(PointCodec.encode(rx, ry), 0, out, 0, 32);
    writeS(out, 32);
    return out;
  }

  /** S as 32 bytes big-endian at offset. */
  private void writeS(byte[] out, int offset) {
    byte[] sb = s.toByteArray(); // big-endian, maybe with a leading 0
    int n = Math.min(sb.length, 32);
    Arrays.fill(out, offset, offset + 32 - n, (byte) 0);
    System.arraycopy(sb, sb.length - n, out, offset + 32 - n, n);
  }
}
