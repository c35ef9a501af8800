package dev.sable.batch;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The blob section of a -owner-blob circuit's public data (Go ledger.BlobSection; docs/bridge.md,
 * "Owner data in a blob"): the blob's versioned hash in two 128-bit halves, the challenge z =
 * H(TAG_BLOB, H(TAG_PUBDATA, rows...), vh_hi, vh_lo) and the blob's value y = p(z) in two halves
 * (127 and 128 bits). The rows are all the batch's owner rows: the blob's own data for a one-blob
 * circuit; with several blobs (Go's -owner-blob&lt;k&gt;, "... several blobs per batch") each blob
 * holds its share of them and its z hashes the commitment to all.
 */
public record BlobSection(
    Fr versionedHashHigh, Fr versionedHashLow, Fr challenge, Fr valueHigh, Fr valueLow) {

  /** Public-data elements of the section (Go ledger.BlobSectionLen). */
  public static final int LENGTH = 5;

  private static final BigInteger LOW_128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  /**
   * The section of the one blob holding {@code data}, given the blob's KZG commitment (made by a
   * KZG library on Ethereum's trusted setup; Java does not compute it).
   */
  public static BlobSection of(List<Fr> data, byte[] kzgCommitment) {
    return of(data, data, kzgCommitment);
  }

  /**
   * The section of the blob holding {@code data}, one of the blobs holding {@code rows}, given its
   * KZG commitment.
   */
  public static BlobSection of(List<Fr> rows, List<Fr> data, byte[] kzgCommitment) {
    return ofVersionedHash(rows, data, Eip4844Blob.versionedHash(kzgCommitment));
  }

  /**
   * The section of the blob holding {@code data}, one of the blobs holding {@code rows} (the same
   * list for a one-blob circuit), whose versioned hash is {@code vh} (32 bytes).
   */
  public static BlobSection ofVersionedHash(List<Fr> rows, List<Fr> data, byte[] vh) {
    if (vh.length != 32) {
      throw new IllegalArgumentException("a versioned hash is 32 bytes, got " + vh.length);
    }
    Fr vhHigh = half(vh, 0);
    Fr vhLow = half(vh, 16);
    Fr z = challenge(rows, vhHigh, vhLow);
    BigInteger y = Eip4844Blob.evaluate(data, z.toBigInteger());
    return new BlobSection(vhHigh, vhLow, z, Fr.of(y.shiftRight(128)), Fr.of(y.and(LOW_128)));
  }

  /** The blob's versioned hash, 32 bytes. */
  public byte[] versionedHash() {
    byte[] out = new byte[32];
    System.arraycopy(versionedHashHigh.toBytes(), 16, out, 0, 16);
    System.arraycopy(versionedHashLow.toBytes(), 16, out, 16, 16);
    return out;
  }

  /** y as one BLS12-381 scalar. */
  public BigInteger value() {
    return valueHigh.toBigInteger().shiftLeft(128).or(valueLow.toBigInteger());
  }

  /** In the public data's order: vh_hi, vh_lo, z, y_hi, y_lo. */
  public List<Fr> asList() {
    return List.of(versionedHashHigh, versionedHashLow, challenge, valueHigh, valueLow);
  }

  /** H(TAG_PUBDATA, rows...): the commitment every blob's challenge draws from. */
  public static Fr rowsCommitment(List<Fr> rows) {
    List<Fr> committed = new ArrayList<>(rows.size() + 1);
    committed.add(DomainTag.PUBDATA);
    committed.addAll(rows);
    return Poseidon2.INSTANCE.hash(committed.toArray(Fr[]::new));
  }

  private static Fr challenge(List<Fr> rows, Fr vhHigh, Fr vhLow) {
    return Poseidon2.INSTANCE.hash(DomainTag.BLOB, rowsCommitment(rows), vhHigh, vhLow);
  }

  private static Fr half(byte[] bytes32, int from) {
    return Fr.of(new BigInteger(1, Arrays.copyOfRange(bytes32, from, from + 16)));
  }
}
