package dev.sable.sequencer.options;

/**
 * A portfolio-margin requirement in collateral units.
 *
 * @param maintenance below it the account is liquidated
 * @param initial risk-increasing orders must leave equity at or above it
 */
public record Requirement(long maintenance, long initial) {}
