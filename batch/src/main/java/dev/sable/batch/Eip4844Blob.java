package dev.sable.batch;

import dev.sable.crypto.Fr;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * An EIP-4844 blob holding BN254 elements (Go circuits/blob): element i is the blob's element i, 32
 * bytes big-endian, zeros after; the blob is the polynomial p whose evaluations over the 4096th
 * roots of unity of BLS12-381's scalar field, in bit-reversed order, are those elements.
 */
public final class Eip4844Blob {
  /** Field elements of a blob. */
  public static final int SIZE = 4096;

  /** BLS12-381's scalar field modulus (the point-evaluation precompile's BLS_MODULUS). */
  public static final BigInteger BLS_MODULUS =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  private static final int LOG_SIZE = 12;

  /** A primitive 4096th root of unity: 7^((r - 1) / 4096), as the consensus specs take it. */
  private static final BigInteger ROOT =
      BigInteger.valueOf(7)
          .modPow(
              BLS_MODULUS.subtract(BigInteger.ONE).divide(BigInteger.valueOf(SIZE)), BLS_MODULUS);

  private static final BigInteger SIZE_INVERSE = BigInteger.valueOf(SIZE).modInverse(BLS_MODULUS);

  private Eip4844Blob() {}

  /** The blob's 131,072 bytes holding {@code data}. */
  public static byte[] pack(List<Fr> data) {
    checkSize(data);
    byte[] blob = new byte[SIZE * Fr.BYTES];
    for (int i = 0; i < data.size(); i++) {
      data.get(i).writeTo(blob, i * Fr.BYTES);
    }
    return blob;
  }

  /** EIP-4844's kzg_to_versioned_hash: 0x01 || sha256(commitment)[1:]. */
  public static byte[] versionedHash(byte[] kzgCommitment) {
    if (kzgCommitment.length != 48) {
      throw new IllegalArgumentException(
          "a KZG commitment is 48 bytes, got " + kzgCommitment.length);
    }
    byte[] hash = sha256(kzgCommitment);
    hash[0] = 0x01;
    return hash;
  }

  /**
   * p(z) for the blob holding {@code data} (then zeros), z below BLS_MODULUS: the barycentric
   * formula p(z) = (z^4096 - 1) / 4096 * sum_i d_i w_i / (z - w_i) over the used positions; at a
   * root of unity the element there.
   */
  public static BigInteger evaluate(List<Fr> data, BigInteger z) {
    checkSize(data);
    if (z.signum() < 0 || z.compareTo(BLS_MODULUS) >= 0) {
      throw new IllegalArgumentException("z is not a BLS12-381 scalar: " + z);
    }
    BigInteger zn = z.modPow(BigInteger.valueOf(SIZE), BLS_MODULUS);
    if (zn.equals(BigInteger.ONE)) {
      for (int i = 0; i < data.size(); i++) {
        if (root(i).equals(z)) {
          return data.get(i).toBigInteger();
        }
      }
      return BigInteger.ZERO;
    }
    BigInteger sum = BigInteger.ZERO;
    for (int i = 0; i < data.size(); i++) {
      BigInteger w = root(i);
      BigInteger term =
          data.get(i)
              .toBigInteger()
              .multiply(w)
              .multiply(z.subtract(w).mod(BLS_MODULUS).modInverse(BLS_MODULUS));
      sum = sum.add(term).mod(BLS_MODULUS);
    }
    return sum.multiply(zn.subtract(BigInteger.ONE)).multiply(SIZE_INVERSE).mod(BLS_MODULUS);
  }

  /** The evaluation point of element i: w^bitreverse(i). */
  static BigInteger root(int i) {
    return ROOT.modPow(BigInteger.valueOf(Integer.reverse(i) >>> (32 - LOG_SIZE)), BLS_MODULUS);
  }

  private static void checkSize(List<Fr> data) {
    if (data.size() > SIZE) {
      throw new IllegalArgumentException(data.size() + " elements, a blob holds " + SIZE);
    }
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
