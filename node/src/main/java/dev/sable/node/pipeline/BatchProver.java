package dev.sable.node.pipeline;

import dev.sable.crypto.Fr;
import dev.sable.prover.CircuitKeys;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.Proof;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.StagedBatch;
import java.util.List;

/**
 * Stages a batch on the account tree (nothing stored), proves the builder's witness with gnark
 * through JNI and checks the proof locally: a batch whose proof does not verify here never reaches
 * L1. Runs on the pipeline's thread, which owns the tree.
 */
public final class BatchProver {
  private final SparseMerkleTree tree;
  private final GnarkProver prover;
  private final BatchBuilder builder;

  public BatchProver(SparseMerkleTree tree, GnarkProver prover, BatchBuilder builder) {
    this.tree = tree;
    this.prover = prover;
    this.builder = builder;
  }

  public ProvenBatch prove(SealedBatch batch) {
    StagedBatch staged = tree.stage(batch.writes());
    List<Fr> publicInputs = builder.publicInputs(staged);
    Proof proof = prover.prove(builder.witness(staged));
    if (!prover.verify(proof, publicInputs)) {
      throw new IllegalStateException("the proof of a batch failed its local check");
    }
    return new ProvenBatch(
        batch,
        staged.update().oldRoot(),
        staged.update().newRoot(),
        proof.solidity(),
        proof.proveMillis());
  }

  /**
   * Stores a batch's writes once L1 holds its new root; the tree must still be at the batch's old
   * root (the pipeline is its only writer).
   */
  public void commit(ProvenBatch proven) {
    StagedBatch staged = tree.stage(proven.batch().writes());
    if (!staged.update().oldRoot().equals(proven.oldRoot())
        || !staged.update().newRoot().equals(proven.newRoot())) {
      throw new IllegalStateException(
          "the tree is at " + tree.root() + ", not at the batch's old root " + proven.oldRoot());
    }
    tree.commit(staged);
  }

  public CircuitKeys keys() {
    return prover.keys();
  }

  public Fr root() {
    return tree.root();
  }
}
