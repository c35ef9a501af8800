package dev.sable.l1;

/** A deposit the bridge queued: its queue index (0-based) and the transaction. */
public record DepositReceipt(long index, String transactionHash, long blockNumber, long gasUsed) {}
