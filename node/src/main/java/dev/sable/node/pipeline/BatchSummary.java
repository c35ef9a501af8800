package dev.sable.node.pipeline;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.OptionMark;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SettlementWitness;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a batch did, as L1 and the API show it (public: its public data says as much): fills (of
 * which on option markets), deposits credited and refunded, the withdrawals it pays out, the signed
 * oracle prices it took and the funding ticks it applied, the liquidations its sweep proved, and
 * the option marks it committed (docs/settlement.md, "Option markets"; none without options).
 */
public record BatchSummary(
    int trades,
    int deposits,
    int refunds,
    List<Payout> withdrawals,
    int prices,
    int fundingTicks,
    int liquidations,
    int optionTrades,
    List<OptionMark> optionMarks) {
  /** A withdrawal the bridge credits to an L1 recipient (0x and 40 hex digits). */
  public record Payout(String recipient, long amount) {}

  public BatchSummary {
    withdrawals = List.copyOf(withdrawals);
    // a summary stored before option marks were recorded has none
    optionMarks = optionMarks == null ? List.of() : List.copyOf(optionMarks);
  }

  static BatchSummary of(BuiltBatch built, SettlementBatch batch) {
    SettlementWitness w = built.witness();
    int refunds = (int) w.deposits().stream().filter(d -> d.deposit().refund()).count();
    Set<Long> options =
        batch.optionMarks().stream().map(OptionMark::market).collect(Collectors.toSet());
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
        batch.liquidations().size(),
        (int)
            batch.trades().stream()
                .filter(t -> options.contains(t.maker().order().marketId()))
                .count(),
        batch.optionMarks());
  }
}
