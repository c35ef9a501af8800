package dev.sable.sequencer.core;

import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.market.OptionTerms;
import java.util.function.Supplier;

/**
 * The only place where market-level state changes: listing, status, oracle records and marks, the
 * funding index, and log time (which the marks' staleness is measured in). Each change that is an
 * output is emitted as an event. Validation is the callers' job.
 */
public final class MarketControl {
  private final ExchangeState state;
  private final EventSink events;
  private final Supplier<OrderBook> books;

  MarketControl(ExchangeState state, EventSink events, Supplier<OrderBook> books) {
    this.state = state;
    this.events = events;
    this.books = books;
  }

  /** Lists a market under the next id, with a fresh book. */
  public Market list(MarketSpec spec) {
    return list(spec, null);
  }

  /** Lists an option market (a perpetual when {@code option} is null) under the next id. */
  public Market list(MarketSpec spec, OptionTerms option) {
    Market m = new Market(state.marketCount(), spec, option, books.get());
    state.addMarket(m);
    events.accept(new Event.MarketListed(m.id(), spec.symbol()));
    return m;
  }

  public void setStatus(Market m, MarketStatus status) {
    m.status = status;
    events.accept(new Event.MarketStatusChanged(m.id(), status));
  }

  public void recordOracle(Market m, int source, long price, long publishTime) {
    m.recordOracle(source, price, publishTime);
  }

  /**
   * Recomputes a market's mark at the current time and reports a change; for an option market, its
   * volatility (its mark comes from {@link #setModelMark}).
   */
  public void refreshMark(Market m) {
    state.marketEpoch++;
    if (m.recomputeMark(state.now) && !m.isOption()) {
      events.accept(new Event.MarkPrice(m.id(), m.mark, m.markValid));
    }
  }

  /** Sets an option market's mark from the pricing model and reports a change. */
  public void setModelMark(Market m, long mark, boolean valid) {
    if (mark != m.mark || valid != m.markValid) {
      state.marketEpoch++;
      m.mark = mark;
      m.markValid = valid;
      events.accept(new Event.MarkPrice(m.id(), mark, valid));
    }
  }

  /**
   * Records a perpetual's new realized volatility estimate (its last sample's time and mark, and
   * the variance) and reports it with the volatility and the scenario range it gives.
   */
  public void setRealized(
      Market m, long time, long price, long variance, long volPpm, long rangePpm) {
    m.realizedTime = time;
    m.realizedPrice = price;
    m.realizedVariance = variance;
    events.accept(new Event.RiskRange(m.id(), volPpm, rangePpm));
  }

  /** One funding interval at {@code ratePpm}: the index grows by rate * mark. */
  public void applyFunding(Market m, long ratePpm) {
    state.marketEpoch++;
    m.fundingIndex += ratePpm * m.mark;
    m.lastFundingTime = state.now;
    events.accept(new Event.FundingRate(m.id(), ratePpm, m.fundingIndex));
  }

  public void advanceTime(long now) {
    state.now = now;
    events.accept(new Event.TimeAdvanced(now));
  }
}
