package dev.sable.sequencer.engine;

import dev.sable.sequencer.command.Command.ListMarket;
import dev.sable.sequencer.command.Command.ListOption;
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
import dev.sable.sequencer.optionmarket.OptionListing;
import dev.sable.sequencer.optionmarket.OptionMarks;
import dev.sable.sequencer.optionmarket.VolatilitySampler;

/**
 * Listing, market status (settlement included) and time: what the operator's log drives. Option
 * markets expire here too: time passing their expiry settles them.
 */
final class MarketAdmin {
  private final ExchangeCore core;
  private final ExchangeState state;
  private final EventSink events;
  private final OptionMarks options;
  private final VolatilitySampler volatility;

  MarketAdmin(ExchangeCore core, EventSink events, OptionMarks options) {
    this.core = core;
    this.state = core.state();
    this.events = events;
    this.options = options;
    this.volatility = new VolatilitySampler(state, core.markets());
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

  void listOption(ListOption c) {
    RejectReason reason = OptionListing.refusal(state, c.spec(), c.terms());
    if (reason != null) {
      events.reject(reason);
      return;
    }
    core.markets().list(c.spec(), c.terms());
  }

  /**
   * Time moves forward only; expired orders are cancelled, then every mark is recomputed (options
   * after their underlyings, whose realized volatility is sampled between), then options at or past
   * their expiry settle.
   */
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
    volatility.sampleAll();
    options.refreshAll();
    for (Market m : state.markets()) {
      if (m.isOption() && m.status() != MarketStatus.SETTLED && m.option().expiry() <= c.now()) {
        expire(m);
      }
    }
  }

  /**
   * An option at or past its expiry settles at the underlying's mark (its payoff per unit, cash);
   * while that mark is not valid it waits, halted, for a later tick.
   */
  private void expire(Market m) {
    Market underlying = state.market(m.option().underlyingMarket());
    if (underlying.markValid()) {
      core.markets().setStatus(m, MarketStatus.SETTLED);
      settle(m, m.option().payoff(underlying.mark()));
    } else if (m.status() == MarketStatus.ACTIVE) {
      core.markets().setStatus(m, MarketStatus.HALTED);
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
    } else if (m.status() == MarketStatus.SETTLED
        || m.status() == c.status()
        || (m.isOption() && m.option().expiry() <= state.now())) {
      // An expired option settles at its expiry rule only.
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
      settle(m, m.mark());
    }
  }

  /** Cancels every order of a settled market and closes every position at {@code price}. */
  private void settle(Market m, long price) {
    OrderBook book = m.book();
    for (boolean buy : new boolean[] {true, false}) {
      for (long id = book.best(buy); id != OrderBook.NONE; id = book.best(buy)) {
        core.orders().cancel(m, id, CancelReason.MARKET_SETTLED);
      }
    }
    for (int id = 0; id < state.accountBound(); id++) {
      Account a = state.account(id);
      if (a != null && a.size(m.id()) != 0) {
        core.ledger().settlePosition(m, a, price);
      }
    }
  }
}
