package dev.sable.batch;

import dev.sable.batch.SettlementMath.FillEffect;
import dev.sable.state.settlement.MarketParams;
import java.math.BigInteger;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The batch's positions at its marks (Go ledger applier's leg, settle, value, equity, requirement):
 * a slot's funding is settled, once, the first time a fill touches it or when its account withdraws
 * or is liquidated (every slot); the market index is constant during the batch, so the amount does
 * not depend on when.
 */
final class Positions {
  private final List<MarketWork> markets;
  private final SettlementRules rules;
  private final long batchTime;
  private BigInteger funding;

  Positions(List<MarketWork> markets, SettlementRules rules, long fundingPool, long batchTime) {
    this.markets = markets;
    this.rules = rules;
    this.funding = BigInteger.valueOf(fundingPool);
    this.batchTime = batchTime;
  }

  /** The funding pool now. */
  BigInteger funding() {
    return funding;
  }

  /** What every slot of the account owes at the post-tick index (the account row is loaded). */
  void owe(AccountWork a) {
    for (int p = 0; p < AccountWork.SLOTS; p++) {
      if (a.slotMarket[p] != AccountRow.NO_ROW) {
        long index = markets.get(a.slotMarket[p]).fundingIndex;
        a.owed[p] = SettlementMath.fundingOwed(a.sizes[p], index, a.fundingIndexes[p]);
      }
    }
  }

  /** Settles one slot's funding, once: from collateral to the funding pool. */
  void settle(AccountWork a, int p) {
    if (a.settled[p] || a.slotMarket[p] == AccountRow.NO_ROW) {
      return;
    }
    a.settled[p] = true;
    a.collateral = a.collateral.subtract(a.owed[p]);
    funding = funding.add(a.owed[p]);
    a.fundingIndexes[p] = markets.get(a.slotMarket[p]).fundingIndex;
  }

  void settleAll(AccountWork a) {
    for (int p = 0; p < AccountWork.SLOTS; p++) {
      settle(a, p);
    }
  }

  /** A slot's size * mark - cost - the funding it still owes. */
  BigInteger value(AccountWork a, int p) {
    if (a.slotMarket[p] == AccountRow.NO_ROW) {
      return BigInteger.ZERO;
    }
    BigInteger v =
        BigInteger.valueOf(a.sizes[p])
            .multiply(BigInteger.valueOf(markets.get(a.slotMarket[p]).mark))
            .subtract(BigInteger.valueOf(a.costs[p]));
    return a.settled[p] ? v : v.subtract(a.owed[p]);
  }

  /** Collateral plus every slot's value at the batch's marks. */
  BigInteger equity(AccountWork a) {
    BigInteger e = a.collateral;
    for (int p = 0; p < AccountWork.SLOTS; p++) {
      e = e.add(value(a, p));
    }
    return e;
  }

  /**
   * The sum over slots of ceil(|size| * marginPrice * rate / 10^6), rate a market parameter; the
   * margin price is the mark but for an option.
   */
  BigInteger requirement(AccountWork a, ToLongFunction<MarketParams> rate) {
    BigInteger r = BigInteger.ZERO;
    for (int p = 0; p < AccountWork.SLOTS; p++) {
      if (a.slotMarket[p] != AccountRow.NO_ROW) {
        MarketWork m = markets.get(a.slotMarket[p]);
        r =
            r.add(
                SettlementMath.requirement(
                    a.sizes[p], m.marginPrice, rate.applyAsLong(m.params())));
      }
    }
    return r;
  }

  /**
   * One side of a fill applied to a slot (its funding settled first): the position stays within
   * maxPosition, a fill that adds risk needs a valid mark; collateral changes by realized - fee. On
   * an option row the opening part's price * quantity, which a perpetual puts into the cost, is the
   * premium: it moves to collateral, and the position keeps cost 0 (a trade's, a liquidation step's
   * or an unwind's fill alike); an expired option row takes no fill.
   */
  FillEffect leg(AccountWork a, int slot, MarketWork m, boolean buy, long q, long price, long fee) {
    settle(a, slot);
    FillEffect f = SettlementMath.applyFill(a.sizes[slot], a.costs[slot], buy, q, price);
    if (m.before.isOption()) {
      f = new FillEffect(f.size(), BigInteger.ZERO, f.realized().subtract(f.cost()), f.pure());
      if (OptionExpiry.expired(m, batchTime)) {
        rules.violate(
            Rule.OPTION_EXPIRED,
            "a fill on option market %d at or after its expiry %d",
            m.id(),
            m.before.option().expiry());
      }
    }
    rules.position(a.index, f, m);
    a.sizes[slot] = rules.int64("position size", f.size());
    a.costs[slot] = rules.int64("position cost", f.cost());
    a.collateral = a.collateral.add(f.realized()).subtract(BigInteger.valueOf(fee));
    return f;
  }
}
