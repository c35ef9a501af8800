package dev.sable.batch;

import dev.sable.state.settlement.OptionTerms;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The expiry steps of a batch (docs/settlement.md, "Option expiry"; Go ledger/expiry.go). An option
 * row is expired when the batch time is at or after its expiry (no fill, no valid mark), and
 * settles when it is expired and either settled before or its underlying's mark is valid. Its
 * settlement price S is the one its leaf stores once settled (the unused funding lanes: funded =
 * settled, lastFundingTime = S), else the underlying's mark; a row that settles stores its S, so a
 * holder a batch leaves out settles later at the same S. Each step closes a position at the payoff
 * per unit {@code max(0, +-(S - strike)) * contractSize}: collateral changes by size * payoff.
 */
final class OptionExpiry {
  private final Tables tables;
  private final long batchTime;
  private final SettlementRules rules;

  OptionExpiry(Tables tables, long batchTime, SettlementRules rules) {
    this.tables = tables;
    this.batchTime = batchTime;
    this.rules = rules;
  }

  /** Whether an option row is at or after its expiry at the batch time (false: a perpetual). */
  static boolean expired(MarketWork m, long batchTime) {
    return m.before.isOption() && batchTime >= m.before.option().expiry();
  }

  /** An option's cash settlement per unit at the settlement price s. */
  static BigInteger payoff(OptionTerms o, long s) {
    BigInteger diff = BigInteger.valueOf(s).subtract(BigInteger.valueOf(o.strike()));
    if (o.kind() == OptionTerms.PUT) {
      diff = diff.negate();
    }
    return diff.max(BigInteger.ZERO).multiply(BigInteger.valueOf(o.contractSize()));
  }

  private boolean settles(MarketWork m) {
    return expired(m, batchTime) && (m.funded || tables.markets.get(m.underlyingRow).valid);
  }

  private long settlementPrice(MarketWork m) {
    return m.funded ? m.lastFundingTime : tables.markets.get(m.underlyingRow).mark;
  }

  /**
   * Applies the steps in the batch's order, checks that no account row still holds a position in a
   * row that settles, and stores S in every settling row; returns the witness's expiry rows.
   */
  List<ExpiryRow> apply(List<Expiry> steps) {
    List<ExpiryRow> out = new ArrayList<>();
    for (Expiry e : steps) {
      Integer row = tables.accountRow.get(e.account());
      Integer mr = tables.marketRow.get(e.market());
      if (row == null || mr == null) {
        throw rules.fail(
            Rule.EXPIRY_MARKET,
            "expiry of account %d in market %d: no such row",
            e.account(),
            e.market());
      }
      AccountWork a = tables.accounts.get(row);
      MarketWork m = tables.markets.get(mr);
      int slot = -1;
      for (int p = 0; p < AccountWork.SLOTS; p++) {
        if (a.slotMarket[p] == mr && a.sizes[p] != 0) {
          slot = p;
        }
      }
      if (slot < 0) {
        throw rules.fail(
            Rule.EXPIRY_POSITION,
            "account %d holds no position in market %d",
            e.account(),
            e.market());
      }
      if (!m.before.isOption()) {
        throw rules.fail(Rule.EXPIRY_MARKET, "market %d is not an option market", e.market());
      }
      if (!settles(m)) {
        rules.violate(
            Rule.EXPIRY_EARLY, "market %d does not settle at batch time %d", m.id(), batchTime);
      }
      long s = settlementPrice(m);
      long payoff = rules.int64("payoff", payoff(m.before.option(), s));
      if (e.payoff() != payoff) {
        rules.violate(
            Rule.EXPIRY_PAYOFF,
            "account %d in market %d settled at %d per unit; the rule gives %d at S = %d",
            e.account(),
            e.market(),
            e.payoff(),
            payoff,
            s);
      }
      a.collateral =
          a.collateral.add(BigInteger.valueOf(a.sizes[slot]).multiply(BigInteger.valueOf(payoff)));
      a.sizes[slot] = 0;
      a.costs[slot] = 0;
      out.add(new ExpiryRow(row, slot, s, payoff));
    }
    closed();
    for (MarketWork m : tables.markets) {
      if (settles(m)) {
        m.lastFundingTime = settlementPrice(m);
        m.funded = true;
      }
    }
    return out;
  }

  /**
   * Sets the mark of every option row that settles in this batch to its payoff per unit at S: what
   * its new leaf stores and its market element publishes, the value of a position left in it (an
   * exit values it at the published mark; Go ledger store()). Called after every other change.
   */
  void storePayoffMarks() {
    for (MarketWork m : tables.markets) {
      if (settles(m)) {
        m.mark = rules.int64("payoff", payoff(m.before.option(), settlementPrice(m)));
      }
    }
  }

  /**
   * After the steps no account row holds a position in a row that settles (the circuit's rule; an
   * account the batch does not load settles in a later batch at the stored S).
   */
  private void closed() {
    for (AccountWork a : tables.accounts) {
      for (int p = 0; p < AccountWork.SLOTS; p++) {
        if (a.sizes[p] != 0 && settles(tables.markets.get(a.slotMarket[p]))) {
          rules.violate(
              Rule.EXPIRY_OPEN,
              "account %d still holds a position in expired option market %d",
              a.index,
              tables.markets.get(a.slotMarket[p]).id());
        }
      }
    }
  }
}
