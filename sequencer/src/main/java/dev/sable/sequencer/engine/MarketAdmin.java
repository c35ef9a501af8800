package dev.sable.sequencer.engine;

import dev.sable.sequencer.command.Command.ListMarket;
import dev.sable.sequencer.command.Command.SetMarketStatus;
import dev.sable.sequencer.command.Command.TimeTick;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeCore;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.market.MarketStatus;

/** Listing, market status (settlement included) and time: what the operator's log drives. */
final class MarketAdmin {
  private final ExchangeCore core;
  private final ExchangeState state;
  private final EventSink events;

  MarketAdmin(ExchangeCore core, EventSink events) {
    this.core = core;
    this.state = core.state();
    this.events = events;
  }

  void list(ListMarket c) {
    if (!c.spec().isValid()) {
      events.reject(RejectReason.INVALID_MARKET_SPEC);
      return;
    }
    if (state.marketCount() == ExchangeState.MAX_MARKETS) {
      events.reject(RejectReason.TOO_MANY_MARKETS);
      return;
    }
    core.markets().list(c.spec());
  }

  /** Time moves forward only; expired orders are cancelled, then every mark is recomputed. */
  void advanceTime(TimeTick c) {
    if (c.now() < state.now()) {
      events.reject(RejectReason.TIME_WENT_BACKWARDS);
      return;
    }
    core.markets().advanceTime(c.now());
    core.orders().expire(c.now());
    for (Market m : state.markets()) {
      core.markets().refreshMark(m);
    }
  }

  /**
   * Active and halted switch freely; settled is final: every order is cancelled and every position
   * closed at the last mark.
   */
  void setStatus(SetMarketStatus c) {
    Market m = state.market(c.market());
    RejectReason reason = null;
    if (m == null) {
      reason = RejectReason.UNKNOWN_MARKET;
    } else if (m.status() == MarketStatus.SETTLED || m.status() == c.status()) {
      reason = RejectReason.BAD_STATUS_CHANGE;
    } else if (c.status() == MarketStatus.SETTLED && m.mark() == 0) {
      reason = RejectReason.NO_MARK_PRICE;
    }
    if (reason != null) {
      events.reject(reason);
      return;
    }
    core.markets().setStatus(m, c.status());
    if (c.status() == MarketStatus.SETTLED) {
      settle(m);
    }
  }

  private void settle(Market m) {
    OrderBook book = m.book();
    for (boolean buy : new boolean[] {true, false}) {
      for (long id = book.best(buy); id != OrderBook.NONE; id = book.best(buy)) {
        core.orders().cancel(m, id, CancelReason.MARKET_SETTLED);
      }
    }
    for (int id = 0; id < state.accountBound(); id++) {
      Account a = state.account(id);
      if (a != null && a.size(m.id()) != 0) {
        core.ledger().settlePosition(m, a, m.mark());
      }
    }
  }
}
