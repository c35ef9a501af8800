package dev.sable.node.pipeline;

import dev.sable.batch.SettlementBatch;

/**
 * A settlement batch the sequencer sealed: its operations, in slot order, and the last journal
 * entry it reflects.
 */
public record SealedBatch(long throughSequence, SettlementBatch batch) {}
