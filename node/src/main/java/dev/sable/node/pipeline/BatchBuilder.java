package dev.sable.node.pipeline;

import dev.sable.crypto.Fr;
import dev.sable.node.sequencing.CommandListener;
import dev.sable.prover.Witness;
import dev.sable.prover.WitnessLayout;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.state.StagedBatch;
import java.util.List;

/**
 * The seam between the sequencer and the prover: what a batch contains and how it becomes a
 * circuit's witness. The node's pipeline stages the writes on the account tree, proves the witness
 * with the builder's circuit, posts it and commits; switching to the settlement circuit's batches
 * means one other implementation of this interface (docs/node.md, Batches).
 */
public interface BatchBuilder extends CommandListener {
  /** On the sequencer's thread: the next batch to prove, or null while nothing changed. */
  SealedBatch seal(Sequencer sequencer, long appliedSequence);

  /** On the sequencer's thread: the batch did not reach L1, so its changes need a batch again. */
  void retry(SealedBatch batch);

  /** The layout of the circuit (and so the keys) that proves this builder's batches. */
  WitnessLayout layout();

  /** The circuit's full assignment for a staged batch. */
  Witness witness(StagedBatch staged);

  /**
   * The circuit's public inputs for a staged batch, as the bridge and the local check take them.
   */
  List<Fr> publicInputs(StagedBatch staged);
}
