package dev.sable.node.pipeline;

import dev.sable.crypto.Fr;

/** A batch proven by the node and accepted by the bridge. */
public record BatchResult(
    long batchNumber,
    Fr oldRoot,
    Fr newRoot,
    long proveMillis,
    long submitGas,
    String transactionHash) {}
