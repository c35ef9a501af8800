package dev.sable.l1;

import java.math.BigInteger;

/** A claim the bridge paid: the amount and the transaction. */
public record ClaimReceipt(
    BigInteger amount, String transactionHash, long blockNumber, long gasUsed) {}
