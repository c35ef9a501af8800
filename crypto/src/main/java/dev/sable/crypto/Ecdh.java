package dev.sable.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Scalar multiplication on the BN254 twisted Edwards curve for Diffie-Hellman: the owner-data
 * encryption's shared point S = [e]A = [s]E (docs/state.md section 12, "Owner data").
 */
public final class Ecdh {
  /** An affine point. */
  public record Point(Fr x, Fr y) {}

  private Ecdh() {}

  /** [k]B for 0 <= k < 2^256 (E from the batch's scalar e). */
  public static Point multiplyBase(BigInteger k) {
    return affine(EdwardsPoint.multiplyBase(k));
  }

  /** [k]P for a point P of the prime-order subgroup and k >= 0. */
  public static Point multiply(Point p, BigInteger k) {
    if (k.signum() < 0) {
      throw new IllegalArgumentException("negative scalar");
    }
    long[] x = Montgomery.toMontgomery(Montgomery.limbs(p.x().toBigInteger()));
    long[] y = Montgomery.toMontgomery(Montgomery.limbs(p.y().toBigInteger()));
    if (!EdwardsPoint.isOnCurve(x, y)) {
      throw new IllegalArgumentException("(" + p.x() + ", " + p.y() + ") is not on the curve");
    }
    return affine(EdwardsPoint.fromAffine(x, y).multiply(k));
  }

  /** [s]P with the private key's scalar s: the owner's side of the exchange. */
  public static Point shared(EdDsaPrivateKey owner, Point p) {
    return multiply(p, new BigInteger(1, owner.scalarBytes()));
  }

  /**
   * The batch's ephemeral scalar of the owner data as the operator derives it from its secret (Go
   * ledger.EphemeralScalar; docs/bridge.md, "The ephemeral scalar"): 1 + (SHA-256(secret || batch
   * as 8 bytes big-endian) mod (l - 1)), l the subgroup order: a new one per batch number, never 0
   * mod l.
   */
  public static BigInteger ephemeralScalar(byte[] secret, long batch) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
    sha.update(secret);
    sha.update(ByteBuffer.allocate(Long.BYTES).putLong(batch).array());
    BigInteger h = new BigInteger(1, sha.digest());
    return h.mod(EdwardsPoint.ORDER.subtract(BigInteger.ONE)).add(BigInteger.ONE);
  }

  private static Point affine(EdwardsPoint p) {
    long[][] a = p.affine();
    return new Point(Fr.fromMontgomery(a[0]), Fr.fromMontgomery(a[1]));
  }
}
