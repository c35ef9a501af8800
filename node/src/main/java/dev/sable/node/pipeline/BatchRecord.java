package dev.sable.node.pipeline;

/**
 * One batch as the API reports it: its number on L1, status, roots, what it covers and its L1
 * transaction. Status: {@code proving}, {@code posted} (sent, no receipt yet), {@code verified}
 * (the bridge accepted it; the node's tree holds its root).
 */
public record BatchRecord(
    long number,
    String status,
    String oldRoot,
    String newRoot,
    long account,
    long throughSequence,
    String transactionHash,
    long gasUsed,
    long proveMs) {}
