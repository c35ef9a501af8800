package dev.sable.node.pipeline;

import dev.sable.crypto.Fr;
import dev.sable.l1.SettlementBatch;
import dev.sable.state.settlement.StateChange;
import java.util.List;

/**
 * A batch built on the node's state, proven and checked locally, ready for L1: what the bridge
 * takes (the public data, the commitment, the proof in calldata form, and for a {@code -owner-blob}
 * batch the elements of the blobs its transaction carries, {@code blobs} of them: empty and 0
 * otherwise), the roots, and the state's writes to commit once L1 holds the new root.
 */
public record ProvenBatch(
    long number,
    long throughSequence,
    List<Fr> publicData,
    Fr commitment,
    byte[] proof,
    Fr oldRoot,
    Fr newRoot,
    StateChange change,
    long proveMs,
    BatchSummary summary,
    List<Fr> blobData,
    int blobs) {

  public ProvenBatch {
    publicData = List.copyOf(publicData);
    blobData = List.copyOf(blobData);
    proof = proof.clone();
  }

  @Override
  public byte[] proof() {
    return proof.clone();
  }

  /** The bridge's submitBatch (or, with blobs, submitBlobBatch) arguments. */
  public SettlementBatch forL1() {
    return Submission.forL1(publicData, commitment, proof, blobData, blobs);
  }
}
