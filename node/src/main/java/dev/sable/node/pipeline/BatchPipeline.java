package dev.sable.node.pipeline;

import dev.sable.l1.BridgeClient;
import dev.sable.l1.SubmitReceipt;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.Proof;
import dev.sable.prover.StateUpdateWitness;
import dev.sable.sequencer.crypto.Fr;
import dev.sable.sequencer.state.LeafUpdate;
import dev.sable.sequencer.state.SparseMerkleTree;

/**
 * Sequencer state to L1, one leaf update per batch: witness from the account tree, proof from gnark
 * through JNI, a local verification, then submitBatch on the bridge. A batch whose proof does not
 * verify locally never reaches L1.
 */
public final class BatchPipeline {
  private final SparseMerkleTree tree;
  private final GnarkProver prover;
  private final BridgeClient bridge;
  private long batches;

  public BatchPipeline(SparseMerkleTree tree, GnarkProver prover, BridgeClient bridge) {
    this.tree = tree;
    this.prover = prover;
    this.bridge = bridge;
  }

  /**
   * Proves the change of one leaf and posts it; returns what L1 accepted. If proving or posting
   * fails, the leaf is put back, so node and L1 roots never drift apart.
   */
  public BatchResult apply(long index, Fr leaf) {
    LeafUpdate update = tree.update(index, leaf);
    try {
      StateUpdateWitness witness = witnessOf(update);
      Proof proof = prover.prove(witness.toWitness());
      if (!prover.verify(proof, witness.publicInputs())) {
        throw new IllegalStateException("proof of batch " + (batches + 1) + " failed local check");
      }
      SubmitReceipt receipt =
          bridge.submitBatch(witness.oldRoot(), witness.newRoot(), proof.solidity());
      batches++;
      return new BatchResult(
          batches,
          witness.oldRoot(),
          witness.newRoot(),
          proof.proveMillis(),
          receipt.gasUsed(),
          receipt.transactionHash());
    } catch (RuntimeException e) {
      tree.update(index, update.oldLeaf());
      throw e;
    }
  }

  /** The state-update circuit's assignment for one leaf change of the account tree. */
  public static StateUpdateWitness witnessOf(LeafUpdate u) {
    return new StateUpdateWitness(
        u.oldRoot().toBigInteger(),
        u.newRoot().toBigInteger(),
        u.index(),
        u.oldLeaf().toBigInteger(),
        u.newLeaf().toBigInteger(),
        u.siblings().stream().map(Fr::toBigInteger).toList());
  }
}
