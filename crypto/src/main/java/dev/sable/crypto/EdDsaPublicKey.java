package dev.sable.crypto;

import java.math.BigInteger;

/**
 * A validated EdDSA public key: on the curve, not the identity, in the prime-order subgroup. Only
 * {@link #decode} and key generation make one, so every instance has passed the subgroup check
 * (which is why {@link #verify} can use the fast non-cofactored equation).
 */
public final class EdDsaPublicKey {
  private final Fr x;
  private final Fr y;
  private final byte[] encoded;
  private final EdwardsPoint.Cached[][] negatedTables; // multiples of -A for verification

  private EdDsaPublicKey(Fr x, Fr y) {
    this.x = x;
    this.y = y;
    this.encoded = PointCodec.encode(x, y);
    this.negatedTables =
        EdwardsPoint.fromAffine(x.toMontgomery(), y.toMontgomery()).negate().fixedTables();
  }

  /** Decodes and validates a 32-byte compressed key (gnark-crypto's PublicKey.Bytes). */
  public static EdDsaPublicKey decode(byte[] encoded) {
    Fr[] xy = PointCodec.decode(encoded);
    return validated(xy[0], xy[1]);
  }

  /**
   * Validates a key given by its affine coordinates (as leaves and deposits hold it): on the curve,
   * not the identity, in the prime-order subgroup (docs/state.md, section 6).
   */
  public static EdDsaPublicKey fromAffine(Fr x, Fr y) {
    if (!EdwardsPoint.isOnCurve(x.toMontgomery(), y.toMontgomery())) {
      throw new InvalidEncodingException("public key not on the curve");
    }
    return validated(x, y);
  }

  private static EdDsaPublicKey validated(Fr x, Fr y) {
    EdwardsPoint p = EdwardsPoint.fromAffine(x.toMontgomery(), y.toMontgomery());
    if (p.isIdentity()) {
      throw new InvalidEncodingException("public key is the identity");
    }
    if (!p.isInPrimeSubgroup()) {
      throw new InvalidEncodingException("public key not in the prime-order subgroup");
    }
    return new EdDsaPublicKey(x, y);
  }

  static EdDsaPublicKey ofSubgroupPoint(EdwardsPoint p) {
    long[][] a = p.affine();
    return new EdDsaPublicKey(Fr.fromMontgomery(a[0]), Fr.fromMontgomery(a[1]));
  }

  public Fr x() {
    return x;
  }

  public Fr y() {
    return y;
  }

  public byte[] encode() {
    return encoded.clone();
  }

  /**
   * Whether sig signs message under this key, exactly when gnark-crypto's Verify (with the
   * Poseidon2 hasher, on message.toBytes()) accepts. Since A and B lie in the prime-order subgroup,
   * gnark's checks (R in the subgroup, [8]([S]B) = [8](R + [h]A)) are equivalent to [S]B - [h]A =
   * R.
   */
  public boolean verify(Fr message, EdDsaSignature sig) {
    return verify(message, sig, Poseidon2.INSTANCE);
  }

  /** The same check, hashing the challenge with the given Poseidon2 implementation. */
  public boolean verify(Fr message, EdDsaSignature sig, FieldHasher hasher) {
    BigInteger h = EdDsaChallenge.of(sig.rx(), sig.ry(), x, y, message, hasher).toBigInteger();
    EdwardsPoint q =
        EdwardsPoint.multiplyBase(sig.s()).add(EdwardsPoint.multiplyFixed(negatedTables, h));
    return q.equalsAffine(sig.rx().toMontgomery(), sig.ry().toMontgomery());
  }

  /** Decodes the signature and verifies it; a malformed signature is simply not valid. */
  public boolean verify(Fr message, byte[] signature) {
    try {
      return verify(message, EdDsaSignature.decode(signature));
    } catch (InvalidEncodingException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EdDsaPublicKey k && k.x.equals(x) && k.y.equals(y);
  }

  @Override
  public int hashCode() {
    return y.hashCode();
  }
}
