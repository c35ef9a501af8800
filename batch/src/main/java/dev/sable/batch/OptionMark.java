package dev.sable.batch;

/**
 * The sequencer's mark of an option market at the batch time (its Black-76 mark, docs/options.md)
 * and the volatility it used: committed inputs of the batch, published in the option row's element,
 * not recomputed by the circuit (Go ledger.OptionMark).
 *
 * @param volPpm the option's volatility, ppm per year (below 2^24)
 */
public record OptionMark(long market, long mark, boolean valid, long volPpm) {}
