package dev.sable.l1;

import dev.sable.l1.SettlementEvents.AcceptedBatch;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * What the node's pipeline needs of the settlement bridge on L1: post a batch as a transaction it
 * tracks by nonce (and may replace with a higher fee), read that transaction's outcome, the root,
 * the batch count and the bridge's batch history, and the key the bridge verifies proofs with.
 */
public interface RollupBridge {
  /**
   * What the bridge would answer to this batch now, without a transaction (an eth_call from the
   * operator): empty if it would accept it, else its custom error decoded (e.g. {@code
   * BatchesPaused()}, {@code BatchTimeInFuture(..)}).
   */
  Optional<String> simulate(SettlementBatch batch);

  /**
   * Sends a batch's transaction with this nonce and these fee caps and returns its hash at once;
   * the caller tracks it, and may replace it (same nonce, higher caps: {@link
   * FeeCaps#replacement}).
   */
  String sendSubmit(SettlementBatch batch, BigInteger nonce, FeeCaps fees);

  /**
   * A sent submission's outcome: empty while it is not mined, the receipt if the bridge accepted
   * it; throws {@link BatchRejectedException} (the bridge's custom error decoded) if it reverted.
   */
  Optional<SubmitReceipt> receipt(String transactionHash, SettlementBatch batch);

  /** The operator's next nonce, counting its pending transactions or only mined ones. */
  BigInteger nonce(boolean pending);

  /**
   * L1's fee caps now for a batch's transaction: the gas price, and for a batch that {@code
   * carriesBlob} the blob fee cap from L1's blob base fee ({@link FeeCaps#blob}).
   */
  FeeCaps fees(boolean carriesBlob);

  /** The batches the bridge accepted on the current chain, oldest first. */
  List<AcceptedBatch> acceptedBatches();

  BigInteger stateRoot();

  /** The number of batches the bridge accepted (the last batch's number). */
  long batchCount();

  /** The bridge's address on L1. */
  String address();

  /** The hash of the verifying key the bridge checks proofs with, as 0x and 64 hex digits. */
  String verifyingKeyHash();
}
