package dev.sable.batch;

/**
 * One option position a batch settles at its option's expiry (Go ledger.Expiry; docs/settlement.md,
 * "Option expiry"): the account, the option market, and the payoff per unit the sequencer paid (its
 * {@code PositionSettled} price), which the builder refuses unless it is the rule's payoff at the
 * settlement price the circuit uses.
 */
public record Expiry(long account, long market, long payoff) {}
