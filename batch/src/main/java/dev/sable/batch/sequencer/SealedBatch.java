package dev.sable.batch.sequencer;

import dev.sable.batch.SettlementBatch;

/**
 * A batch the sealing rule closed, ready for the {@code BatchBuilder}.
 *
 * @param batch the operations, in slot order, and the batch time
 * @param firstSequence the journal sequence number of the first command whose operations it holds
 *     (-1 for a batch that only moves time)
 * @param lastSequence the last such command; a command with more fills than a batch holds spreads
 *     over consecutive batches, so it can be the next batch's first too
 * @param reason why it was sealed
 */
public record SealedBatch(
    SettlementBatch batch, long firstSequence, long lastSequence, Reason reason) {

  /** Why the sealing rule closed a batch. */
  public enum Reason {
    /** The next command would have broken an end-of-batch rule: sealed before it. */
    END_OF_BATCH_RULE,
    /**
     * The next command's operations did not fit beside the batch's (capacities, among them the
     * switch slots; 8 position slots; an order filling from a fill slot a switch of the batch
     * took).
     */
    CAPACITY,
    /** A funding tick opens a batch (the circuit applies ticks first). */
    FUNDING_TICK,
    /** The batch held operations for the batcher's maximum age of log time. */
    AGE,
    /**
     * A liquidation sweep that liquidated or unwound ends the batch: the circuit proves one sweep,
     * at the batch's time and marks, after its trading (docs/settlement.md, requirement 12). A
     * sweep larger than a batch ends each of the batches it is spread over.
     */
    LIQUIDATION_SWEEP,
    /**
     * The batch serves forced withdrawal requests, which come after every other change of a batch
     * at its time and marks: sealed before the next command that is not another request (or that
     * moves marks or time).
     */
    FORCED_REQUESTS,
    /**
     * An option's expiry ends the batch: its steps settle at the underlying's mark at the time of
     * the tick that settled it, so the batch before the tick is sealed before it and the expiry's
     * own batch right after it, at that time.
     */
    OPTION_EXPIRY,
    /** The caller sealed it ({@code SettlementBatcher.seal}). */
    REQUESTED
  }
}
