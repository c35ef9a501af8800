package dev.sable.batch.sample;

import dev.sable.batch.SettlementBatch;

/**
 * A world whose accounts and markets are set up (earlier batches applied) and the full batch to
 * build next.
 *
 * @param operations how many operations of the batch's kind it holds (trades, deposits,
 *     withdrawals, liquidations or ADL fills)
 */
public record PreparedBatch(SampleWorld world, SettlementBatch batch, int operations) {}
