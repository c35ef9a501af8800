package dev.sable.node.pipeline;

import java.math.BigInteger;

/** A batch proven by the node and accepted by the bridge. */
public record BatchResult(
    long batchNumber,
    BigInteger oldRoot,
    BigInteger newRoot,
    long proveMillis,
    long submitGas,
    String transactionHash) {}
