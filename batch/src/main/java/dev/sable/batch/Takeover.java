package dev.sable.batch;

/**
 * The fund takes over the liquidated account's whole position in a market at the mark.
 *
 * @param quantity the position's size, unsigned
 */
public record Takeover(long market, long quantity, long price) {}
