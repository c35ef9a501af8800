package dev.sable.l1;

import java.math.BigInteger;

/** What the node needs of the bridge on L1: post a batch, read the root and the batch count. */
public interface RollupBridge {
  /**
   * Submits a batch. Returns the receipt if the bridge accepted it; throws {@link
   * BatchRejectedException} if the transaction was mined and reverted, and any other exception when
   * the outcome is unknown (no receipt: the transaction may or may not have landed).
   */
  SubmitReceipt submitBatch(BigInteger oldRoot, BigInteger newRoot, byte[] proof);

  BigInteger stateRoot();

  BigInteger batchCount();
}
