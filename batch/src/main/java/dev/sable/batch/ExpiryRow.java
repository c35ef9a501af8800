package dev.sable.batch;

/**
 * One expiry step of the witness (Go ledger.ExpiryRow): the account row and position slot it
 * closes, the settlement price S (the underlying's mark at the first settling batch, then the one
 * the option's leaf stores) and the payoff per unit at S.
 */
public record ExpiryRow(int accountRow, int slot, long settlement, long payoff) {}
