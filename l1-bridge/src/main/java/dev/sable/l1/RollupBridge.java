package dev.sable.l1;

import java.math.BigInteger;

/**
 * What the node needs of the bridge on L1: post a batch, read the root and the batch count, and the
 * key the bridge verifies proofs with.
 */
public interface RollupBridge {
  /**
   * Submits a batch. Returns the receipt if the bridge accepted it; throws {@link
   * BatchRejectedException} if the transaction was mined and reverted, and any other exception when
   * the outcome is unknown (no receipt: the transaction may or may not have landed).
   */
  SubmitReceipt submitBatch(BigInteger oldRoot, BigInteger newRoot, byte[] proof);

  BigInteger stateRoot();

  BigInteger batchCount();

  /** The bridge's address on L1. */
  String address();

  /** The hash of the verifying key the bridge checks proofs with, as 0x and 64 hex digits. */
  String verifyingKeyHash();
}
