package dev.sable.batch;

/**
 * A fill of an unsigned order (the liquidated account's close-into-book order, or the fund's when
 * it unwinds) against a resting signed order; the unsigned side pays the taker fee.
 */
public record Close(SignedOrder maker, long quantity, long price, long makerFee, long takerFee) {}
