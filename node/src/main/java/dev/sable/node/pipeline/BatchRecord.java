package dev.sable.node.pipeline;

/**
 * One batch as the API reports it: its number on L1, status, roots, what it did and its L1
 * transaction. Status: {@code verified} (the bridge accepted it; the node's state holds its root).
 */
public record BatchRecord(
    long number,
    String status,
    String oldRoot,
    String newRoot,
    long throughSequence,
    BatchSummary summary,
    String transactionHash,
    long gasUsed,
    long proveMs) {}
