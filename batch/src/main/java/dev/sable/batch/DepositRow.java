package dev.sable.batch;

/**
 * A deposit slot: the record and the account row it credits ({@link AccountRow#NO_ROW}: refund).
 */
public record DepositRow(Deposit deposit, int accountRow) {}
