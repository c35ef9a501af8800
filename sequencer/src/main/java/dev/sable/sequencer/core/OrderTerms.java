package dev.sable.sequencer.core;

/**
 * What an order rests with, apart from its remaining quantity (which matching changes): its ids,
 * side, limit price, {@code OrderBook} flags and expiry (0 = none).
 */
public record OrderTerms(
    long orderId, long clientOrderId, boolean buy, long price, int flags, long expiry) {}
