package dev.sable.sequencer.options;

/**
 * The strike and expiry of an underlying: the calls and puts on it share one volatility, so that
 * their marks keep put-call parity.
 */
public record OptionSeries(int underlyingMarket, long expiry, long strike) {}
