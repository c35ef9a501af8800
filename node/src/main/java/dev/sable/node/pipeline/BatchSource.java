package dev.sable.node.pipeline;

import dev.sable.state.settlement.SettlementView;
import java.util.Optional;

/**
 * The seam between the sequencer and the pipeline: where the settlement batches come from. The
 * pipeline asks for the next batch to build on the node's settlement state (always the state L1
 * holds: batch {@code state.batchNumber() + 1}), on its own thread; a source fed by the sequencer's
 * thread hands batches over safely. A batch the source returns must apply to that state under every
 * settlement rule (docs/settlement.md, "What the sequencer and the batch builder must do"): the
 * pipeline refuses to post one that does not and stops, since every later batch builds on it. Asked
 * again on the same state (after a restart, or a batch L1 refused for a passing reason), the source
 * gives a batch that starts where the state is: operations already in the state are never given
 * twice.
 */
@FunctionalInterface
public interface BatchSource {
  /** The next batch on top of {@code state}, or empty while nothing is sealed. */
  Optional<SealedBatch> next(SettlementView state);

  /** Seals nothing: a node whose batches are not wired yet. */
  BatchSource NONE = state -> Optional.empty();
}
