package dev.sable.l1;

/** A batch the bridge accepted: the transaction, its block and the gas it used. */
public record SubmitReceipt(String transactionHash, long blockNumber, long gasUsed) {}
