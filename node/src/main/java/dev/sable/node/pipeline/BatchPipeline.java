package dev.sable.node.pipeline;

import dev.sable.l1.BridgeClient;
import dev.sable.l1.SubmitReceipt;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.Proof;
import dev.sable.prover.StateUpdateWitness;
import java.math.BigInteger;

/**
 * Sequencer state to L1, one leaf update per batch: witness from the tree, proof from gnark through
 * JNI, a local verification, then submitBatch on the bridge. A batch whose proof does not verify
 * locally never reaches L1.
 */
public final class BatchPipeline {
  private final AccountTree tree;
  private final GnarkProver prover;
  private final BridgeClient bridge;
  private long batches;

  public BatchPipeline(AccountTree tree, GnarkProver prover, BridgeClient bridge) {
    this.tree = tree;
    this.prover = prover;
    this.bridge = bridge;
  }

  /**
   * Proves the change of one leaf and posts it; returns what L1 accepted. If proving or posting
   * fails, the tree is put back as it was, so node and L1 roots never drift apart.
   */
  public BatchResult apply(long index, BigInteger leaf) {
    MerkleUpdate update = tree.set(index, leaf);
    try {
      StateUpdateWitness witness = witnessOf(update);
      Proof proof = prover.prove(witness.toWitness());
      if (!prover.verify(proof, witness.publicInputs())) {
        throw new IllegalStateException("proof of batch " + (batches + 1) + " failed local check");
      }
      SubmitReceipt receipt =
          bridge.submitBatch(update.oldRoot(), update.newRoot(), proof.solidity());
      batches++;
      return new BatchResult(
          batches,
          update.oldRoot(),
          update.newRoot(),
          proof.proveMillis(),
          receipt.gasUsed(),
          receipt.transactionHash());
    } catch (RuntimeException e) {
      tree.set(index, update.oldLeaf());
      throw e;
    }
  }

  public static StateUpdateWitness witnessOf(MerkleUpdate u) {
    return new StateUpdateWitness(
        u.oldRoot(), u.newRoot(), u.index(), u.oldLeaf(), u.newLeaf(), u.siblings());
  }
}
