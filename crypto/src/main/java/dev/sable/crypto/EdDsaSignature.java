package dev.sable.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An EdDSA signature: R (compressed point, 32 bytes) || S (32 bytes big-endian), gnark-crypto's
 * Signature.Bytes. Decoding checks the structure (canonical R on the curve, 0 < S < l); whether R
 * lies in the subgroup is settled by {@link EdDsaPublicKey#verify}.
 */
public record EdDsaSignature(Fr rx, Fr ry, BigInteger s) {
  public static final int BYTES = 64;

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

  public byte[] encode() {
    byte[] out = new byte[BYTES];
    System.arraycopy(PointCodec.encode(rx, ry), 0, out, 0, 32);
    byte[] sb = s.toByteArray(); // big-endian, maybe with a leading 0
    int n = Math.min(sb.length, 32);
    System.arraycopy(sb, sb.length - n, out, 64 - n, n);
    return out;
  }
}
