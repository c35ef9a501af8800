package dev.sable.node.pipeline;

import dev.sable.batch.BlobSection;
import dev.sable.batch.Capacities;
import dev.sable.batch.Eip4844Blob;
import dev.sable.crypto.Fr;
import dev.sable.l1.BatchBlob;
import dev.sable.prover.NativeBlobOpening;
import java.util.ArrayList;
import java.util.List;

/**
 * The blobs a {@code -owner-blob} batch's transaction carries, made from the batch's blob elements
 * (its padded owner rows, {@code SettlementWitness.blobData}): per blob its share of the rows
 * ({@code Capacities.blobRowsPer} rows, in order), the bytes packed in Java, the KZG commitment,
 * the opening proof at the blob's z (from the commitment to all rows) and the 128 cell proofs from
 * the native library. Deterministic, so a replacement transaction carries the same blobs.
 */
public final class OwnerBlob {
  private OwnerBlob() {}

  /**
   * The {@code blobs} blobs holding {@code rows} (all the batch's padded owner rows), in blob
   * order, each its share as the circuit splits them ({@link Capacities#blobParts(List, int)}).
   */
  public static List<BatchBlob> of(List<Fr> rows, int blobs) {
    return of(Capacities.blobParts(rows, blobs), rows);
  }

  /**
   * The blob count a record of a blob batch keeps: {@code blobs}, or 1 for a record written before
   * the count was kept (every blob batch then carried one blob); 0 for a batch without blob rows.
   */
  static int recorded(int blobs, List<?> rows) {
    return rows.isEmpty() ? 0 : Math.max(blobs, 1);
  }

  private static List<BatchBlob> of(List<List<Fr>> parts, List<Fr> rows) {
    Fr c = BlobSection.rowsCommitment(rows);
    List<BatchBlob> out = new ArrayList<>(parts.size());
    for (List<Fr> data : parts) {
      NativeBlobOpening opening = NativeBlobOpening.open(c, data);
      out.add(
          new BatchBlob(
              Eip4844Blob.pack(data),
              opening.commitment(),
              opening.proof(),
              NativeBlobOpening.cellProofs(data)));
    }
    return out;
  }
}
