package dev.sable.batch;

/**
 * An AdlFill: part of the liquidated account's position in a market closed against a counterparty.
 */
public record AdlFill(long counterparty, long market, long quantity, long price) {}
