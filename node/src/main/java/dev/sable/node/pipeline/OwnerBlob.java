package dev.sable.node.pipeline;

import dev.sable.batch.Eip4844Blob;
import dev.sable.crypto.Fr;
import dev.sable.l1.BatchBlob;
import dev.sable.prover.NativeBlobOpening;
import java.util.List;

/**
 * The blob a {@code -owner-blob} batch's transaction carries, made from the batch's blob elements
 * (its padded owner rows, {@code SettlementWitness.blobData}): the bytes packed in Java, the KZG
 * commitment, the opening proof at the batch's z and the 128 cell proofs from the native library.
 * Deterministic, so a replacement transaction carries the same blob.
 */
public final class OwnerBlob {
  private OwnerBlob() {}

  public static BatchBlob of(List<Fr> blobData) {
    NativeBlobOpening opening = NativeBlobOpening.open(blobData);
    return new BatchBlob(
        Eip4844Blob.pack(blobData),
        opening.commitment(),
        opening.proof(),
        NativeBlobOpening.cellProofs(blobData));
  }
}
