package dev.sable.sequencer.liquidation;

import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Ledger;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.core.OrderRegistry;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.margin.Margin;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.matching.Matcher;
import dev.sable.sequencer.math.Fixed;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * The liquidation sweep: every account (by ascending id, in repeated passes) with a position, a
 * valid mark in each of its position markets and equity below its maintenance requirement is
 * liquidated. Steps: cancel its orders; close each position into the book within the maintenance
 * fraction of the mark; hand what is left to the insurance fund at the mark and settle the
 * remaining equity with the fund (the account ends at zero: the fund takes over at the bankruptcy
 * price); if the fund cannot pay the deficit, or cannot hold a position (past maxPosition, or no
 * position slot: {@link FundSlots}), it pays what it can and the rest of the position is
 * auto-deleveraged against the most profitable opposite positions at the price that absorbs the
 * deficit. Last, the fund closes the positions it holds into the book, within the same band. These
 * are the settlement circuit's liquidation rules (docs/settlement.md, requirements 9-14), so the
 * batch the sweep ends is provable.
 */
public final class Liquidator {
  private final ExchangeState state;
  private final EventSink events;
  private final Margin margin;
  private final Ledger ledger;
  private final OrderRegistry orders;
  private final Matcher matcher;

  public Liquidator(
      ExchangeState state,
      EventSink events,
      Margin margin,
      Ledger ledger,
      OrderRegistry orders,
      Matcher matcher) {
    this.state = state;
    this.events = events;
    this.margin = margin;
    this.ledger = ledger;
    this.orders = orders;
    this.matcher = matcher;
  }

  /**
   * Passes per sweep. A liquidation late in a pass can push an account the pass already checked
   * below maintenance (auto-deleveraging moves it at the deficit-absorbing price), so the sweep
   * repeats while a pass liquidates someone, at most this many times; every liquidation leaves its
   * account flat, so a few passes settle any realistic cascade, and the rest waits for the next
   * sweep (the bound keeps a sweep's cost fixed).
   */
  static final int MAX_PASSES = 8;

  public void sweep() {
    BitSet settledFlat = new BitSet();
    FundSlots slots = new FundSlots(positionMask(state.fund()));
    boolean liquidated = pass(settledFlat, slots);
    for (int passes = 1; liquidated && passes < MAX_PASSES; passes++) {
      liquidated = pass(settledFlat, slots);
    }
    unwind();
  }

  /**
   * One pass over accounts 1, 2, ... A flat account with negative collateral has its deficit
   * settled at most once per sweep ({@code settledFlat} remembers it, and every account the sweep
   * liquidated): in the first pass, or in a later one when an auto-deleveraging of this sweep
   * closed its position at a price that left it below zero. Returns whether an account with
   * positions was liquidated.
   */
  private boolean pass(BitSet settledFlat, FundSlots slots) {
    boolean liquidated = false;
    for (int id = 1; id < state.accountBound(); id++) {
      Account a = state.account(id);
      if (a != null
          && !a.hasPositions()
          && a.collateral() < 0
          && !settledFlat.get(id)
          && deficitToSettle(a)) {
        // Closed out at a loss beyond its collateral: the same deficit path as a liquidation.
        settledFlat.set(id);
        events.accept(new Event.Liquidated(a.id(), margin.equity(a), 0));
        orders.cancelAll(a, null, CancelReason.LIQUIDATION);
        settleDeficit(a);
      } else if (a != null
          && a.hasPositions()
          && marksValid(a)
          && !slots.mightRunOut(positionMask(a))) {
        long requirement = margin.maintenanceRequirement(a);
        if (margin.below(a, requirement)) {
          events.accept(new Event.Liquidated(a.id(), margin.equity(a), requirement));
          liquidate(a, slots);
          settledFlat.set(id); // it ends flat, its deficit settled
          liquidated = true;
        }
      }
    }
    return liquidated;
  }

  /**
   * Whether a flat account's negative collateral is to be settled: it was not reported at this
   * amount (a new deficit, or one a deposit changed), or the fund can pay some of it now. Otherwise
   * a settlement would only report the same uncovered deficit again, and every sweep would end a
   * batch of its own for it (docs/settlement.md, requirement 12).
   */
  private boolean deficitToSettle(Account a) {
    return -a.collateral() != a.reportedDeficit() || state.fund().collateral() > 0;
  }

  /**
   * Whether every market the account holds a position in has a valid mark: the circuit liquidates
   * only at valid marks (requirement 10); otherwise the account waits for fresh prices.
   */
  private boolean marksValid(Account a) {
    for (Market m : positionMarkets(a)) {
      if (!m.markValid()) {
        return false;
      }
    }
    return true;
  }

  private void liquidate(Account a, FundSlots slots) {
    orders.cancelAll(a, null, CancelReason.LIQUIDATION);
    ledger.settleAllFunding(a);
    for (Market m : positionMarkets(a)) {
      if (m.status() == MarketStatus.ACTIVE) {
        closeIntoBook(m, a);
      }
    }
    long deficit = margin.deficit(a);
    Account fund = state.fund();
    List<Market> left = positionMarkets(a);
    if (left.isEmpty()) {
      settleDeficit(a);
      return;
    }
    long fundCanPay = Math.max(0, fund.collateral());
    if (deficit <= fundCanPay && fundCanHold(a, left, slots)) {
      for (Market m : left) {
        ledger.takeOver(m, a, m.mark());
        slots.use(m.id());
      }
      if (a.collateral() > 0) {
        ledger.surrenderToFund(a, a.collateral());
      }
    } else {
      long covered = Math.min(fundCanPay, deficit);
      if (covered > 0) {
        ledger.coverDeficit(a, covered);
      }
      deleverage(a, left, margin.deficit(a));
    }
    settleDeficit(a);
  }

  /**
   * Whether the fund can take over every remaining position: a position slot for each market, and
   * its position within each market's maxPosition, like a trader (so the fund's positions obey the
   * same notional bound).
   */
  private boolean fundCanHold(Account a, List<Market> markets, FundSlots slots) {
    Account fund = state.fund();
    for (Market m : markets) {
      if (!slots.hasSlot(m.id())
          || Math.abs(fund.size(m.id()) + a.size(m.id())) > m.spec().maxPosition()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The fund closes each position it holds (markets ascending) into the book, where the market is
   * active and its mark valid (requirement 13): the same IOC as a liquidation's close, whose fills
   * are normal fills with fees (the fund pays the taker's). The policy is to offer the whole
   * position in every sweep; what the band and the book do not take waits for the next sweep.
   */
  private void unwind() {
    Account fund = state.fund();
    for (Market m : positionMarkets(fund)) {
      if (m.status() == MarketStatus.ACTIVE && m.markValid()) {
        closeIntoBook(m, fund);
      }
    }
  }

  /** An IOC taker order for the whole position, limited to mark -/+ mark * maintenance. */
  private void closeIntoBook(Market m, Account a) {
    long size = a.size(m.id());
    boolean buy = size < 0;
    long tick = m.spec().tickSize();
    long band = Fixed.ppmFloor(m.mark(), m.spec().maintenanceMarginPpm());
    long limit =
        buy
            ? Math.min(Math.floorDiv(m.mark() + band, tick) * tick, m.spec().maxPrice())
            : Math.max(Math.ceilDiv(m.mark() - band, tick) * tick, tick);
    long orderId = orders.newOrderId(m);
    matcher.match(m, a, orderId, buy, limit, Math.abs(size), StpMode.CANCEL_TAKER);
  }

  /**
   * Closes the remaining positions against opposite positions, most profitable first (unrealized
   * PnL at mark, then account id; the fund last). The first market's price moves the whole deficit
   * onto the counterparties: mark + ceil(deficit / size) for a long, at most maxPrice (mark - ...
   * for a short, at least 1); later markets close at the mark.
   */
  private void deleverage(Account a, List<Market> markets, long deficit) {
    long remainingDeficit = deficit;
    for (Market m : markets) {
      long size = a.size(m.id());
      long shift = remainingDeficit > 0 ? Math.ceilDiv(remainingDeficit, Math.abs(size)) : 0;
      // Capped at maxPrice (so every ADL notional stays within MAX_NOTIONAL): a deficit the capped
      // price cannot absorb stays with the account and is reported as uncovered.
      long price =
          size > 0
              ? (shift > m.spec().maxPrice() - m.mark() ? m.spec().maxPrice() : m.mark() + shift)
              : Math.max(1, m.mark() - shift);
      remainingDeficit = 0;
      for (Account other : counterparties(m, a)) {
        long quantity = Math.min(Math.abs(a.size(m.id())), Math.abs(other.size(m.id())));
        ledger.deleverage(m, a, other, quantity, price);
        orders.trimReduceOnly(other, m);
        if (a.size(m.id()) == 0) {
          break;
        }
      }
    }
  }

  private List<Account> counterparties(Market m, Account bankrupt) {
    long sign = Long.signum(bankrupt.size(m.id()));
    List<Account> out = new ArrayList<>();
    for (int id = 0; id < state.accountBound(); id++) {
      Account o = state.account(id);
      if (o != null && o != bankrupt && Long.signum(o.size(m.id())) == -sign) {
        out.add(o);
      }
    }
    out.sort(
        Comparator.comparing((Account o) -> o.id() == Account.INSURANCE_FUND)
            .thenComparing((Account o) -> Margin.positionValue(o, m), Comparator.reverseOrder())
            .thenComparingInt(Account::id));
    return out;
  }

  /** A liquidated account left with negative collateral: the fund pays what it can. */
  private void settleDeficit(Account a) {
    if (a.collateral() >= 0) {
      return;
    }
    long covered = Math.min(-a.collateral(), Math.max(0, state.fund().collateral()));
    if (covered > 0) {
      ledger.coverDeficit(a, covered);
    }
    if (a.collateral() < 0) {
      ledger.reportUncovered(a);
    }
  }

  /** The markets of the account's positions, one bit per market id. */
  private static long positionMask(Account a) {
    long mask = 0;
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      int market = Long.numberOfTrailingZeros(bits);
      if (a.size(market) != 0) {
        mask |= 1L << market;
      }
    }
    return mask;
  }

  private List<Market> positionMarkets(Account a) {
    List<Market> out = new ArrayList<>();
    for (long bits = positionMask(a); bits != 0; bits &= bits - 1) {
      out.add(state.market(Long.numberOfTrailingZeros(bits)));
    }
    return out;
  }
}
