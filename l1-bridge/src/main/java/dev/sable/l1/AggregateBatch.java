package dev.sable.l1;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator posts for k consecutive settlement batches under one aggregate proof
 * (docs/aggregation.md): the batches' public data in order, {@code D = d_1 || ... || d_k}, the
 * aggregate circuit's commitment C to D and its Groth16 proof in the aggregate verifier's calldata
 * encoding (384 bytes: the aggregate has one Groth16 commitment); for a {@code -owner-blob} chain
 * also each batch's blobs, batch after batch, which its transaction carries (a type-3 transaction
 * calling {@code submitBlobBatches}; without blobs, {@code submitBatches}).
 *
 * <p>Refused at construction, so before anything is sent: segments of different lengths or that do
 * not chain (each must start where the one before ended: chain, bridge, batch number + 1, old root
 * = the previous new root, deposit start = the previous start + count, time not before the
 * previous), a proof of another length, and blobs that are not the segments' (the same number per
 * segment, each segment's blob sections naming its own blobs' versioned hashes in order). The
 * bridge checks all of it again; this only keeps an operator's mistake off L1.
 */
public record AggregateBatch(
    List<List<BigInteger>> segments, BigInteger commitment, byte[] proof, List<BatchBlob> blobs) {
  /** The header elements that name the chain and the bridge, equal in every segment. */
  private static final int CHAIN_ID = 0;

  private static final int CONTRACT = 1;
  private static final int BATCH_NUMBER = 2;
  private static final int BATCH_TIME = 3;
  private static final int OLD_ROOT = 4;
  private static final int NEW_ROOT = 5;
  private static final int DEPOSIT_START = 6;
  private static final int DEPOSIT_COUNT = 7;

  public AggregateBatch {
    segments = segments.stream().map(List::copyOf).toList();
    blobs = List.copyOf(blobs);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("an aggregate covers at least one batch");
    }
    if (proof.length != SettlementBatch.PROOF_WITH_COMMITMENT_BYTES) {
      throw new IllegalArgumentException(
          "an aggregate's proof is "
              + SettlementBatch.PROOF_WITH_COMMITMENT_BYTES
              + " bytes in its verifier's encoding (the aggregate has one Groth16 commitment), not "
              + proof.length);
    }
    proof = proof.clone();
    requireChained(segments);
    requireSegmentsBlobs(segments, blobs);
  }

  /**
   * The aggregate of {@code batches} (k consecutive batches, in order) under the aggregate proof
   * {@code proof} for the commitment {@code commitment}: their public data and blobs; their own
   * commitments and proofs are not posted.
   */
  public static AggregateBatch of(
      List<SettlementBatch> batches, BigInteger commitment, byte[] proof) {
    List<BatchBlob> blobs = new ArrayList<>();
    batches.forEach(b -> blobs.addAll(b.blobs()));
    return new AggregateBatch(
        batches.stream().map(SettlementBatch::publicData).toList(), commitment, proof, blobs);
  }

  @Override
  public byte[] proof() {
    return proof.clone();
  }

  /** D: the segments one after the other. */
  public List<BigInteger> publicData() {
    List<BigInteger> d = new ArrayList<>();
    segments.forEach(d::addAll);
    return d;
  }

  /** k, the batches the aggregate covers. */
  public int k() {
    return segments.size();
  }

  private static void requireChained(List<List<BigInteger>> segments) {
    int n = segments.getFirst().size();
    for (int i = 0; i < segments.size(); i++) {
      List<BigInteger> d = segments.get(i);
      if (d.size() != n || n < PublicDataLayout.HEADER) {
        throw new IllegalArgumentException(
            "segment "
                + (i + 1)
                + " has "
                + d.size()
                + " elements: every segment is one batch's public data, of one circuit's length ("
                + n
                + ", at least a header of "
                + PublicDataLayout.HEADER
                + ")");
      }
      if (i == 0) {
        continue;
      }
      List<BigInteger> p = segments.get(i - 1);
      requireFollows(i, "chain id", d.get(CHAIN_ID), p.get(CHAIN_ID));
      requireFollows(i, "bridge", d.get(CONTRACT), p.get(CONTRACT));
      requireFollows(
          i, "batch number", d.get(BATCH_NUMBER), p.get(BATCH_NUMBER).add(BigInteger.ONE));
      requireFollows(i, "old root", d.get(OLD_ROOT), p.get(NEW_ROOT));
      requireFollows(
          i, "deposit start", d.get(DEPOSIT_START), p.get(DEPOSIT_START).add(p.get(DEPOSIT_COUNT)));
      if (d.get(BATCH_TIME).compareTo(p.get(BATCH_TIME)) < 0) {
        throw new IllegalArgumentException(
            "segment "
                + (i + 1)
                + "'s batch time "
                + d.get(BATCH_TIME)
                + " is before segment "
                + i
                + "'s "
                + p.get(BATCH_TIME)
                + ": the segments do not chain");
      }
    }
  }

  private static void requireFollows(int i, String what, BigInteger got, BigInteger expected) {
    if (!got.equals(expected)) {
      throw new IllegalArgumentException(
          "segment "
              + (i + 1)
              + "'s "
              + what
              + " is "
              + got
              + ", not "
              + expected
              + " as segment "
              + i
              + " leaves it: the segments do not chain");
    }
  }

  /**
   * Each segment's blob sections (the last elements of a blob batch's data, one per blob) must name
   * its own blobs' versioned hashes, in order.
   */
  private static void requireSegmentsBlobs(List<List<BigInteger>> segments, List<BatchBlob> blobs) {
    if (blobs.isEmpty()) {
      return;
    }
    int k = segments.size();
    int per = blobs.size() / k;
    int n = segments.getFirst().size();
    if (blobs.size() % k != 0 || PublicDataLayout.BLOB_SECTION * per > n) {
      throw new IllegalArgumentException(
          blobs.size()
              + " blobs are not the same number of blobs for each of "
              + k
              + " segments of "
              + n
              + " elements");
    }
    for (int i = 0; i < k; i++) {
      List<BigInteger> d = segments.get(i);
      for (int j = 0; j < per; j++) {
        int s = n - PublicDataLayout.BLOB_SECTION * (per - j);
        BigInteger vh = new BigInteger(1, blobs.get(i * per + j).versionedHash());
        BigInteger named = d.get(s).shiftLeft(128).or(d.get(s + 1));
        if (!named.equals(vh)) {
          throw new IllegalArgumentException(
              "segment "
                  + (i + 1)
                  + "'s blob section "
                  + (j + 1)
                  + " names the blob 0x"
                  + named.toString(16)
                  + ", but blob "
                  + (i * per + j + 1)
                  + " of the aggregate has versioned hash 0x"
                  + vh.toString(16)
                  + ": the blobs are not the segments'");
        }
      }
    }
  }
}
