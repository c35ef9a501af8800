package dev.sable.node.pipeline;

import dev.sable.batch.BlobSection;
import dev.sable.batch.Eip4844Blob;
import dev.sable.crypto.Fr;
import dev.sable.l1.BatchBlob;
import dev.sable.prover.NativeBlobOpening;
import java.util.List;

/**
 * The blob a {@code -owner-blob} batch's transaction carries (one: the node's presets are one-blob
 * circuits), made from the batch's blob elements (its padded owner rows, {@code
 * SettlementWitness.blobData}): the bytes packed in Java, the KZG commitment, the opening proof at
 * the batch's z and the 128 cell proofs from the native library. Deterministic, so a replacement
 * transaction carries the same blob.
 */
public final class OwnerBlob {
  private OwnerBlob() {}

  public static BatchBlob of(List<Fr> blobData) {
    // one blob: its data are all the rows, the commitment its z draws from
    NativeBlobOpening opening =
        NativeBlobOpening.open(BlobSection.rowsCommitment(blobData), blobData);
    return new BatchBlob(
        Eip4844Blob.pack(blobData),
        opening.commitment(),
        opening.proof(),
        NativeBlobOpening.cellProofs(blobData));
  }
}
