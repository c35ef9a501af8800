package dev.sable.batch.sequencer;

import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.state.settlement.MarketParams;
import dev.sable.state.settlement.OptionTerms;

/** The settlement layout's view of a sequencer market: the parameters its leaf commits to. */
public final class SettlementMarkets {
  private SettlementMarkets() {}

  /** The spec's fields the settlement circuit checks (docs/state.md, section 12). */
  public static MarketParams params(MarketSpec spec) {
    return new MarketParams(
        spec.tickSize(),
        spec.lotSize(),
        spec.initialMarginPpm(),
        spec.maintenanceMarginPpm(),
        spec.makerFeePpm(),
        spec.takerFeePpm(),
        spec.maxPosition(),
        spec.maxPrice(),
        spec.oracleStaleness(),
        spec.fundingInterval(),
        spec.fundingClampPpm());
  }

  /** An option's terms as its leaf commits to them (kind 0 call, 1 put). */
  public static OptionTerms terms(dev.sable.sequencer.market.OptionTerms t) {
    return new OptionTerms(
        t.underlyingMarket(),
        t.kind() == OptionKind.CALL ? OptionTerms.CALL : OptionTerms.PUT,
        t.strike(),
        t.expiry(),
        t.contractSize());
  }
}
