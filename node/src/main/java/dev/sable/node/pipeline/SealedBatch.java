package dev.sable.node.pipeline;

import dev.sable.batch.SettlementBatch;

/**
 * A settlement batch the sequencer sealed: its operations, in slot order, and the journal entry at
 * which it was sealed (the batch holds no operation of a later entry).
 */
public record SealedBatch(long throughSequence, SettlementBatch batch) {}
