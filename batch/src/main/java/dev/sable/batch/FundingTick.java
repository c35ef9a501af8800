package dev.sable.batch;

/**
 * A funding tick of a market at the start of the batch: the index moves by rate * the mark at the
 * previous batch's time. The rate comes from the private book's premium, clamped (only the clamp
 * and the interval are proven).
 */
public record FundingTick(long market, long ratePpm) {}
