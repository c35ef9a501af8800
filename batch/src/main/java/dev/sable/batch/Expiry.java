package dev.sable.batch;

/**
 * One option position a batch settles at its option's expiry (Go ledger.Expiry; docs/settlement.md,
 * "Option expiry"): the account and the option market.
 */
public record Expiry(long account, long market) {}
