package dev.sable.state.settlement;

import dev.sable.crypto.Fr;
import dev.sable.state.store.StoreBatch;

/**
 * The writes of a drafted batch, to be committed once its proof is posted: they move the state from
 * oldRoot to newRoot, and only from oldRoot ({@link SettlementState#commit}).
 */
public record StateChange(Fr oldRoot, Fr newRoot, StoreBatch writes) {}
