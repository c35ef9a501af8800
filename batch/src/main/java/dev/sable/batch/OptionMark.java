package dev.sable.batch;

/**
 * The sequencer's mark of an option market at the batch time (its Black-76 mark, docs/options.md):
 * a committed input of the batch, published in the option row's element, not recomputed by the
 * circuit (Go ledger.OptionMark).
 */
public record OptionMark(long market, long mark, boolean valid) {}
