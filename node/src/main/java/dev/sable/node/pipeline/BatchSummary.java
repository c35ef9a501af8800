package dev.sable.node.pipeline;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SettlementWitness;
import java.util.List;

/**
 * What a batch did, as L1 and the API show it (public: its public data says as much): fills,
 * deposits credited and refunded, the withdrawals it pays out, the signed oracle prices it took and
 * the funding ticks it applied, the liquidations its sweep proved.
 */
public record BatchSummary(
    int trades,
    int deposits,
    int refunds,
    List<Payout> withdrawals,
    int prices,
    int fundingTicks,
    int liquidations) {
  /** A withdrawal the bridge credits to an L1 recipient (0x and 40 hex digits). */
  public record Payout(String recipient, long amount) {}

  public BatchSummary {
    withdrawals = List.copyOf(withdrawals);
  }

  static BatchSummary of(BuiltBatch built, SettlementBatch batch) {
    SettlementWitness w = built.witness();
    int refunds = (int) w.deposits().stream().filter(d -> d.deposit().refund()).count();
    return new BatchSummary(
        w.trades().size(),
        w.deposits().size() - refunds,
        refunds,
        w.withdrawals().stream()
            .map(
                r -> new Payout(String.format("0x%040x", r.recipient().toBigInteger()), r.amount()))
            .toList(),
        batch.prices().size(),
        batch.fundingTicks().size(),
        batch.liquidations().size());
  }
}
