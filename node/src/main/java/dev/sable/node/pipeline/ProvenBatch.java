package dev.sable.node.pipeline;

import dev.sable.crypto.Fr;
import dev.sable.l1.SettlementBatch;
import dev.sable.state.settlement.StateChange;
import java.math.BigInteger;
import java.util.List;

/**
 * A batch built on the node's state, proven and checked locally, ready for L1: what the bridge
 * takes (the public data, the commitment, the proof in calldata form), the roots, and the state's
 * writes to commit once L1 holds the new root.
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
    BatchSummary summary) {

  public ProvenBatch {
    publicData = List.copyOf(publicData);
    proof = proof.clone();
  }

  @Override
  public byte[] proof() {
    return proof.clone();
  }

  /** The bridge's submitBatch arguments. */
  public SettlementBatch forL1() {
    List<BigInteger> d = publicData.stream().map(Fr::toBigInteger).toList();
    return new SettlementBatch(d, commitment.toBigInteger(), proof);
  }
}
