package dev.sable.node.pipeline;

import dev.sable.crypto.Fr;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.RollupBridge;
import dev.sable.l1.SubmitReceipt;
import dev.sable.prover.CircuitKeys;
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
  private final RollupBridge bridge;

  private BatchPipeline(SparseMerkleTree tree, GnarkProver prover, RollupBridge bridge) {
    this.tree = tree;
    this.prover = prover;
    this.bridge = bridge;
  }

  /**
   * A pipeline posting to bridge, after checking that the bridge verifies with the prover's keys: a
   * node whose keys L1 does not verify with would only post batches L1 rejects.
   *
   * @throws VerifierMismatchException naming both keys when they differ
   */
  public static BatchPipeline start(
      SparseMerkleTree tree, GnarkProver prover, RollupBridge bridge) {
    CircuitKeys keys = prover.keys();
    String onL1 = bridge.verifyingKeyHash();
    if (!onL1.equalsIgnoreCase(keys.verifyingKeyHash())) {
      throw new VerifierMismatchException(
          String.format(
              "refusing to post: the bridge at %s verifies with key %s, this node proves with key"
                  + " %s (%s in %s); upgrade the bridge's verifier to these keys through governance,"
                  + " or open the keys the bridge verifies with",
              bridge.address(),
              onL1,
              keys.verifyingKeyHash(),
              keys.setupDescription(),
              keys.keyDir()));
    }
    return new BatchPipeline(tree, prover, bridge);
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
      // No receipt: the transaction may still have landed. The tree follows what L1 holds; if L1
      // cannot be read either, the tree stays and the failure to read rides along, suppressed.
      try {
        if (bridge.stateRoot().equals(witness.newRoot().toBigInteger())) {
          tree.commit(staged);
        }
      } catch (RuntimeException alsoFailed) {
        unknownOutcome.addSuppressed(alsoFailed);
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
