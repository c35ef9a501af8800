package dev.sable.l1;

import dev.sable.l1.SettlementEvents.AcceptedBatch;
import dev.sable.l1.SettlementEvents.OwnerDataBlob;
import java.util.List;

/**
 * One batch submission as L1 holds it, read once for all the batches it accepted: its calldata
 * decoded ({@code call}: one batch's or an aggregate's whole D), the number of {@code
 * BatchSubmitted} events its receipt logged ({@code segments}, the k the bridge accepted) and its
 * {@code OwnerDataBlob} events.
 */
public record SubmittedTransaction(
    String hash, SubmittedBatch call, int segments, List<OwnerDataBlob> ownerDataBlobs) {
  public SubmittedTransaction {
    ownerDataBlobs = List.copyOf(ownerDataBlobs);
  }

  /**
   * {@code batch} as it was submitted ({@link SubmittedBatch#batch}); refuses a batch this
   * transaction did not carry.
   */
  public SubmittedBatch batch(AcceptedBatch batch) {
    requireMine(batch);
    try {
      return call.batch(segments, batch.batchNumber(), batch.newRoot());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the calldata of " + hash + " is not batch " + batch.batchNumber() + "'s public data", e);
    }
  }

  /**
   * The versioned hashes of the {@code count} blobs holding {@code batch}'s owner rows, in blob
   * order ({@link SettlementEvents#blobsOf}).
   */
  public List<String> ownerDataBlobs(AcceptedBatch batch, int count) {
    requireMine(batch);
    return SettlementEvents.blobsOf(batch, ownerDataBlobs, count);
  }

  private void requireMine(AcceptedBatch batch) {
    if (!batch.at().transactionHash().equalsIgnoreCase(hash)) {
      throw new IllegalArgumentException(
          "batch "
              + batch.batchNumber()
              + " was accepted in transaction "
              + batch.at().transactionHash()
              + ", not "
              + hash);
    }
  }
}
