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

  /** The one blob of a one-blob circuit's batch (the node's presets are such circuits). */
  public static BatchBlob of(List<Fr> rows) {
    return of(List.of(rows), rows).getFirst();
  }

  /** The blobs holding {@code rows} at capacities {@code caps}, in blob order. */
  public static List<BatchBlob> of(List<Fr> rows, Capacities caps) {
    return of(caps.blobParts(rows), rows);
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
