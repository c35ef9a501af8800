package dev.sable.node.pipeline;

import dev.sable.batch.BatchBuilder;
import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.PublicInputs;
import dev.sable.crypto.Fr;
import dev.sable.prover.CircuitKeys;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.Proof;
import dev.sable.state.settlement.SettlementState;
import dev.sable.state.settlement.SettlementView;
import dev.sable.state.settlement.StateChange;

/**
 * Builds a sealed batch on the node's settlement state (nothing stored: {@link BatchBuilder} drafts
 * it, checking every settlement rule), proves its witness with gnark through JNI and checks the
 * proof locally, so a batch whose proof does not verify here never reaches L1. Runs on the
 * pipeline's thread, which alone writes the state: {@link #commit} once L1 holds a batch's root.
 */
public final class BatchProver {
  private final SettlementState state;
  private final BatchBuilder builder;
  private final GnarkProver prover;

  /** The prover must hold the keys of the settlement circuit at the builder's capacities. */
  public BatchProver(SettlementState state, BatchBuilder builder, GnarkProver prover) {
    String circuit = builder.capacities().circuitName();
    if (!prover.keys().circuit().equals(circuit)) {
      throw new IllegalArgumentException(
          "the prover holds keys of " + prover.keys().circuit() + ", the batches need " + circuit);
    }
    this.state = state;
    this.builder = builder;
    this.prover = prover;
  }

  /**
   * Builds and proves the batch on the current state.
   *
   * @throws dev.sable.batch.SettlementRuleException if the batch breaks a settlement rule
   * @throws dev.sable.batch.CapacityException if it does not fit the circuit
   */
  public ProvenBatch prove(SealedBatch sealed) {
    BuiltBatch built = builder.build(state, sealed.batch());
    PublicInputs inputs = built.witness().publicInputs();
    Proof proof = prover.prove(built.gnarkWitness());
    if (!prover.verify(proof, inputs.asList())) {
      throw new IllegalStateException("the proof of batch " + built.number() + " failed its check");
    }
    return new ProvenBatch(
        built.number(),
        sealed.throughSequence(),
        built.witness().publicData(),
        inputs.commitment(),
        proof.solidity(),
        built.before().root(),
        built.after().root(),
        built.change(),
        proof.proveMillis(),
        BatchSummary.of(built, sealed.batch()),
        built.witness().blobData(),
        built.witness().capacities().blobs());
  }

  /** Stores a batch's writes once L1 holds its new root; the state must be at its old root. */
  public void commit(StateChange change) {
    state.commit(change);
  }

  public SettlementView state() {
    return state;
  }

  public Fr root() {
    return state.root();
  }

  public long batchNumber() {
    return state.batchNumber();
  }

  public Capacities capacities() {
    return builder.capacities();
  }

  public CircuitKeys keys() {
    return prover.keys();
  }
}
