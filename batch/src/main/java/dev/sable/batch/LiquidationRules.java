package dev.sable.batch;

import dev.sable.batch.SettlementMath.FillEffect;
import dev.sable.crypto.OrderMessage;
import dev.sable.state.settlement.SettlementLayout;
import java.math.BigInteger;

/**
 * Every liquidation rule the builder checks, each in one place (docs/settlement.md, "Liquidations";
 * Go circuits/ledger/sweep.go). Broken rules go to the batch's {@link SettlementRules}, which
 * refuses the batch with all of them.
 */
final class LiquidationRules {
  private final SettlementRules rules;

  LiquidationRules(SettlementRules rules) {
    this.rules = rules;
  }

  /**
   * A liquidation's start: not the fund, a valid mark in every market it holds, and equity below
   * the maintenance requirement at the batch's marks.
   */
  void start(AccountWork a, boolean everyMarkValid, BigInteger equity, BigInteger required) {
    if (a.index == SettlementLayout.FUND_ACCOUNT) {
      rules.violate(Rule.LIQUIDATION_ACCOUNT, "the fund cannot be liquidated");
    }
    if (!everyMarkValid) {
      rules.violate(
          Rule.LIQUIDATION_MARK, "account %d holds a position without a valid mark", a.index);
    }
    if (equity.compareTo(required) >= 0) {
      rules.violate(
          Rule.LIQUIDATION_MARGIN,
          "account %d: equity %s not below the maintenance requirement %s",
          a.index,
          equity,
          required);
    }
  }

  /**
   * A close into the book (or the fund's unwind): against another account's order on the other
   * side, with a valid mark, within the band mark -/+ floor(mark * maintenanceMarginPpm / 10^6) and
   * the maker's limit, under the fill rules of a trade.
   */
  void close(Close c, boolean sameAccount, boolean unsignedBuys, MarketWork m) {
    OrderMessage maker = c.maker().order();
    if (sameAccount || (maker.side() == 1) != unsignedBuys) {
      rules.violate(
          Rule.CLOSE_SIDE,
          "maker order %d of account %d",
          maker.clientOrderId(),
          maker.accountIndex());
    }
    if (!m.valid) {
      rules.violate(Rule.MARK_INVALID, "market %d has no valid mark for a close", m.id());
    }
    if (!withinBand(m.mark, m.params().maintenanceMarginPpm(), c.price(), unsignedBuys)) {
      rules.violate(
          Rule.CLOSE_BAND, "price %d outside the band around the mark %d", c.price(), m.mark);
    }
    if (maker.side() == 0 && c.price() > maker.price()
        || maker.side() == 1 && c.price() < maker.price()) {
      rules.violate(
          Rule.TRADE_LIMIT, "price %d beyond the maker's limit %d", c.price(), maker.price());
    }
    rules.fill(c.quantity(), c.price(), c.makerFee(), c.takerFee(), m.params());
  }

  /**
   * A closing buy pays at most mark + band, a closing sell gets at least mark - band (the sequencer
   * rounds its limit to a tick toward the mark, which a price on the tick grid meets exactly when
   * it meets this).
   */
  private static boolean withinBand(long mark, long mmr, long price, boolean buy) {
    BigInteger band =
        BigInteger.valueOf(mark).multiply(BigInteger.valueOf(mmr)).divide(SettlementMath.PPM);
    BigInteger gap = BigInteger.valueOf(price).subtract(BigInteger.valueOf(mark));
    return (buy ? gap : gap.negate()).compareTo(band) <= 0;
  }

  /** The unsigned side of a close, takeover or ADL fill only reduces its position. */
  void reduces(AccountWork a, FillEffect f, String what) {
    if (!f.pure()) {
      rules.violate(
          Rule.LIQUIDATION_REDUCE,
          "account %d's %s does not only reduce its position",
          a.index,
          what);
    }
  }

  /** The fund takes over the whole position at the mark. */
  void takeover(Takeover t, long size, MarketWork m) {
    if (t.price() != m.mark) {
      rules.violate(Rule.TAKEOVER_PRICE, "price %d, mark %d", t.price(), m.mark);
    }
    if (t.quantity() != Math.abs(size)) {
      rules.violate(Rule.TAKEOVER_QUANTITY, "quantity %d of a position of %d", t.quantity(), size);
    }
  }

  /** The first takeover: the fund can pay the deficit, equity + max(0, fund collateral) >= 0. */
  void takeoverAllowed(AccountWork a, BigInteger equity, BigInteger fundCollateral) {
    if (equity.add(fundCollateral.max(BigInteger.ZERO)).signum() < 0) {
      rules.violate(
          Rule.TAKEOVER_ALLOWED,
          "account %d's deficit exceeds the fund's collateral %s",
          a.index,
          fundCollateral);
    }
  }

  /** The cover starts auto-deleveraging: before any takeover, with positions left. */
  void coverInSequence(AccountWork a, boolean afterTakeover, boolean flat) {
    if (afterTakeover) {
      rules.violate(
          Rule.LIQUIDATION_SEQUENCE, "account %d is deleveraged after takeovers", a.index);
    }
    if (flat) {
      rules.violate(
          Rule.LIQUIDATION_SEQUENCE, "a cover for account %d, which holds no position", a.index);
    }
  }

  /**
   * Auto-deleveraging only when the fund cannot take over, and the fund first pays min(max(0, its
   * collateral), max(0, -equity)).
   */
  void cover(AccountWork a, boolean fundCannotTakeOver, long covered, BigInteger expected) {
    if (!fundCannotTakeOver) {
      rules.violate(Rule.ADL_ALLOWED, "the fund can take over account %d", a.index);
    }
    if (BigInteger.valueOf(covered).compareTo(expected) != 0) {
      rules.violate(
          Rule.ADL_COVER, "the fund paid %d of the deficit, it can pay %s", covered, expected);
    }
  }

  /** ADL markets go in ascending order, each once. */
  void adlMarketOrder(int marketRow, int previousRow) {
    rules.violate(Rule.ADL_ORDER, "market row %d after %d", marketRow, previousRow);
  }

  /**
   * An ADL fill: at the rule's price; against another account, after every higher-ranked one (by
   * score, then index, the fund last); an opposite position at least the fill on that side; and
   * closing one of the two positions.
   */
  void adl(
      AdlFill f,
      AccountWork bankrupt,
      AccountWork counterparty,
      long rulePrice,
      boolean outOfRank,
      FillEffect bankruptSide,
      FillEffect counterpartySide) {
    if (f.price() != rulePrice) {
      rules.violate(Rule.ADL_PRICE, "price %d, the rule gives %d", f.price(), rulePrice);
    }
    if (counterparty == bankrupt) {
      rules.violate(Rule.ADL_COUNTERPARTY, "account %d deleveraged against itself", bankrupt.index);
    }
    if (outOfRank) {
      rules.violate(Rule.ADL_RANK, "counterparty %d after a higher-ranked one", counterparty.index);
    }
    reduces(bankrupt, bankruptSide, "ADL fill");
    if (!counterpartySide.pure()) {
      rules.violate(
          Rule.ADL_COUNTERPARTY,
          "counterparty %d holds no opposite position of %d",
          counterparty.index,
          f.quantity());
    }
    if (bankruptSide.size().signum() != 0 && counterpartySide.size().signum() != 0) {
      rules.violate(Rule.ADL_QUANTITY, "quantity %d closes neither side", f.quantity());
    }
  }

  /**
   * The end: the account is flat; after takeovers its positive collateral goes to the fund; a
   * negative one the fund pays as far as it can; the rest is the uncovered deficit.
   */
  void end(
      AccountWork a,
      Liquidation l,
      boolean flat,
      BigInteger surplus,
      BigInteger cover,
      BigInteger uncovered) {
    if (!flat) {
      rules.violate(Rule.LIQUIDATION_FLAT, "account %d still holds a position", a.index);
    }
    if (BigInteger.valueOf(l.surplus()).compareTo(surplus) != 0) {
      rules.violate(Rule.INSURANCE_SURPLUS, "surplus %d, the rule gives %s", l.surplus(), surplus);
    }
    if (BigInteger.valueOf(l.covered()).compareTo(cover) != 0) {
      rules.violate(Rule.DEFICIT_COVER, "the fund paid %d, it can pay %s", l.covered(), cover);
    }
    if (BigInteger.valueOf(l.uncovered()).compareTo(uncovered) != 0) {
      rules.violate(
          Rule.UNCOVERED_DEFICIT,
          "uncovered deficit %d reported, %s left",
          l.uncovered(),
          uncovered);
    }
  }
}
