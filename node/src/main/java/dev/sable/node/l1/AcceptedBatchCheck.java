package dev.sable.node.l1;

import dev.sable.batch.verify.BatchVerification;
import dev.sable.batch.verify.MarketListing;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SettlementEvents.AcceptedBatch;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code sable verify}'s work: every batch a settlement bridge accepted (or one), checked from its
 * {@code BatchSubmitted} event alone against the deployment's market listing ({@link
 * BatchVerification}: each option row's committed mark recomputed).
 */
public final class AcceptedBatchCheck {
  private AcceptedBatchCheck() {}

  /** The verification of each accepted batch (only {@code batch} when given), in order. */
  public static List<BatchVerification> run(
      SettlementBridgeClient bridge, MarketListing listing, OptionalLong batch) {
    return bridge.acceptedBatches().stream()
        .filter(b -> batch.isEmpty() || b.batchNumber() == batch.getAsLong())
        .map(
            (AcceptedBatch b) ->
                BatchVerification.of(b.batchNumber(), b.batchTime(), b.markets(), listing))
        .toList();
  }
}
