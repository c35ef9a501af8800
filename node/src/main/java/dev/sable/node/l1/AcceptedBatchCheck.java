package dev.sable.node.l1;

import dev.sable.batch.verify.BatchVerification;
import dev.sable.batch.verify.MarketListing;
import dev.sable.batch.verify.PayoffMarkCheck;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SettlementEvents.AcceptedBatch;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code sable verify}'s work: every batch a settlement bridge accepted (or one), checked from its
 * {@code BatchSubmitted} event (and a {@code -pm} batch's {@code RiskCommitted}) alone against the
 * deployment's market listing ({@link BatchVerification}: each option row's committed mark
 * recomputed, and a {@code -pm} batch's risk arrays and their commitment).
 */
public final class AcceptedBatchCheck {
  private AcceptedBatchCheck() {}

  /**
   * The verification of each accepted batch (only {@code batch} when given), in order. Every batch
   * is checked from the first, so a settling option's stored settlement price is known ({@link
   * PayoffMarkCheck}).
   */
  public static List<BatchVerification> run(
      SettlementBridgeClient bridge, MarketListing listing, OptionalLong batch) {
    PayoffMarkCheck payoffs = new PayoffMarkCheck(listing);
    Map<Long, BigInteger> risk = bridge.riskCommitments();
    List<BatchVerification> verified = new ArrayList<>();
    for (AcceptedBatch b : bridge.acceptedBatches()) {
      BatchVerification v =
          BatchVerification.of(
              b.batchNumber(),
              b.batchTime(),
              b.markets(),
              Optional.ofNullable(risk.get(b.batchNumber())),
              listing,
              payoffs);
      if (batch.isEmpty() || b.batchNumber() == batch.getAsLong()) {
        verified.add(v);
      }
    }
    return verified;
  }
}
