package dev.sable.node.pipeline;

import dev.sable.crypto.Fr;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.BridgeClient;
import dev.sable.l1.SubmitReceipt;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.Proof;
import dev.sable.prover.StateUpdateWitness;
import dev.sable.state.LeafUpdate;
import dev.sable.state.LeafWrite;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.StagedBatch;
import java.util.List;

/**
 * Sequencer state to L1, one leaf update per batch: the update is staged on the account tree, its
 * witness proven by gnark through JNI and checked locally, then posted with submitBatch; the tree
 * stores the update only once L1 holds the new root. A batch whose proof does not verify locally
 * never reaches L1, and a failure anywhere before acceptance leaves the tree as it was.
 */
public final class BatchPipeline {
  private final SparseMerkleTree tree;
  private final GnarkProver prover;
  private final BridgeClient bridge;

  public BatchPipeline(SparseMerkleTree tree, GnarkProver prover, BridgeClient bridge) {
    this.tree = tree;
    this.prover = prover;
    this.bridge = bridge;
  }

  /** Proves the change of one leaf and posts it; returns what L1 accepted. */
  public BatchResult apply(long index, Fr leaf) {
    StagedBatch staged = tree.stage(List.of(new LeafWrite(index, leaf)));
    StateUpdateWitness witness = witnessOf(staged.update().updates().get(0));
    Proof proof = prover.prove(witness.toWitness());
    if (!prover.verify(proof, witness.publicInputs())) {
      throw new IllegalStateException("proof of the update of leaf " + index + " failed its check");
    }
    SubmitReceipt receipt;
    try {
      receipt =
          bridge.submitBatch(
              witness.oldRoot().toBigInteger(), witness.newRoot().toBigInteger(), proof.solidity());
    } catch (BatchRejectedException rejected) {
      throw rejected; // mined and reverted: L1 kept its root, and so does the tree
    } catch (RuntimeException unknownOutcome) {
      // No receipt: the transaction may still have landed. The tree follows what L1 holds.
      if (bridge.stateRoot().equals(witness.newRoot().toBigInteger())) {
        tree.commit(staged);
      }
      throw unknownOutcome;
    }
    tree.commit(staged);
    return new BatchResult(
        bridge.batchCount().longValueExact(),
        witness.oldRoot(),
        witness.newRoot(),
        proof.proveMillis(),
        receipt.gasUsed(),
        receipt.transactionHash());
  }

  /** The state-update circuit's assignment for one leaf change of the account tree. */
  public static StateUpdateWitness witnessOf(LeafUpdate u) {
    return new StateUpdateWitness(
        u.oldRoot(), u.newRoot(), u.index(), u.oldLeaf(), u.newLeaf(), u.siblings());
  }
}
