package dev.sable.l1;

import java.math.BigInteger;

/** A BatchSubmitted event of the bridge: the batch, its roots, its transaction and block. */
public record BatchEvent(
    long batchNumber, BigInteger oldRoot, BigInteger newRoot, String transactionHash, long block) {}
