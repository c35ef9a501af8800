package dev.sable.batch;

import dev.sable.crypto.Fr;

/**
 * The batch's header and the state it starts from (the circuit's Header).
 *
 * @param time the previous batch's time
 * @param depositCount deposits consumed before this batch
 * @param deposits deposits this batch consumes
 */
public record BatchHeader(
    long chainId,
    Fr contract,
    long batchNumber,
    long batchTime,
    Fr accountsRoot,
    Fr marketsRoot,
    long feePool,
    long fundingPool,
    long time,
    long depositCount,
    long deposits) {}
