package dev.sable.l1;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * What the node needs of the bridge on L1: post a batch (waiting, or sent and tracked by nonce),
 * read the root, the batch count and the bridge's batch history, and the key the bridge verifies
 * proofs with.
 */
public interface RollupBridge {
  /**
   * Submits a batch. Returns the receipt if the bridge accepted it; throws {@link
   * BatchRejectedException} if the transaction was mined and reverted, and any other exception when
   * the outcome is unknown (no receipt: the transaction may or may not have landed).
   */
  SubmitReceipt submitBatch(BigInteger oldRoot, BigInteger newRoot, byte[] proof);

  /**
   * Sends a submitBatch transaction with this nonce and gas price and returns its hash at once; the
   * caller tracks it, and may replace it (same nonce, higher price).
   */
  String sendSubmit(
      BigInteger oldRoot, BigInteger newRoot, byte[] proof, BigInteger nonce, BigInteger gasPrice);

  /**
   * A sent submission's outcome: empty while it is not mined, the receipt if the bridge accepted
   * it, a {@link BatchRejectedException} if it reverted.
   */
  Optional<SubmitReceipt> receipt(
      String transactionHash, BigInteger oldRoot, BigInteger newRoot, byte[] proof);

  /** The operator's next nonce, counting its pending transactions or only mined ones. */
  BigInteger nonce(boolean pending);

  BigInteger gasPrice();

  /** The bridge's BatchSubmitted events on the current chain, oldest first. */
  List<BatchEvent> batchEvents();

  BigInteger stateRoot();

  BigInteger batchCount();

  /** The bridge's address on L1. */
  String address();

  /** The hash of the verifying key the bridge checks proofs with, as 0x and 64 hex digits. */
  String verifyingKeyHash();
}
