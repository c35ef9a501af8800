package dev.sable.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * An EdDSA private key, derived from a 32-byte seed exactly as gnark-crypto's GenerateKey derives
 * it from a reader yielding that seed: h = blake2b-512(seed), scalar = clamped h[0..32] read
 * little-endian, nonce source = h[32..64]. Signing is deterministic.
 */
public final class EdDsaPrivateKey {
  private final BigInteger scalar;
  private final byte[] randomSource;
  private final EdDsaPublicKey publicKey;

  private EdDsaPrivateKey(BigInteger scalar, byte[] randomSource) {
    this.scalar = scalar;
    this.randomSource = randomSource;
    this.publicKey = EdDsaPublicKey.ofSubgroupPoint(EdwardsPoint.multiplyBase(scalar));
  }

  /**
   * A new key from 32 bytes of the given randomness (for wallets and tools; never in the state).
   */
  public static EdDsaPrivateKey generate(SecureRandom random) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return fromSeed(seed);
  }

  public static EdDsaPrivateKey fromSeed(byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("seed needs 32 bytes, got " + seed.length);
    }
    byte[] h = blake2b512(seed);
    h[0] &= (byte) 0xf8;
    h[31] &= 0x7f;
    h[31] |= 0x40;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = h[31 - i];
    }
    return new EdDsaPrivateKey(new BigInteger(1, be), Arrays.copyOfRange(h, 32, 64));
  }

  public EdDsaPublicKey publicKey() {
    return publicKey;
  }

  /** The secret scalar, 32 bytes big-endian (bytes 32..64 of gnark-crypto's PrivateKey.Bytes). */
  public byte[] scalarBytes() {
    byte[] out = new byte[32];
    byte[] b = scalar.toByteArray();
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  /** Signs a field element (a message hash), as gnark-crypto's Sign on message.toBytes(). */
  public EdDsaSignature sign(Fr message) {
    byte[] m = message.toBytes();
    byte[] input = new byte[32 + m.length];
    System.arraycopy(randomSource, 0, input, 0, 32);
    System.arraycopy(m, 0, input, 32, m.length);
    BigInteger blinding = new BigInteger(1, Arrays.copyOf(blake2b512(input), 32));
    long[][] r = EdwardsPoint.multiplyBase(blinding).affine();
    Fr rx = Fr.fromMontgomery(r[0]);
    Fr ry = Fr.fromMontgomery(r[1]);
    BigInteger h =
        EdDsaChallenge.of(rx, ry, publicKey.x(), publicKey.y(), message, Poseidon2.INSTANCE)
            .toBigInteger();
    BigInteger s = h.multiply(scalar).add(blinding).mod(EdwardsPoint.ORDER);
    return new EdDsaSignature(rx, ry, s);
  }

  private static byte[] blake2b512(byte[] in) {
    Blake2bDigest d = new Blake2bDigest(512);
    d.update(in, 0, in.length);
    byte[] out = new byte[64];
    d.doFinal(out, 0);
    return out;
  }
}
