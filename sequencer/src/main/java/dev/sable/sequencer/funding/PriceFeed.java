package dev.sable.sequencer.funding;

import dev.sable.sequencer.book.OrderBook;
import dev.sable.sequencer.command.Command.FundingTick;
import dev.sable.sequencer.command.Command.OraclePrice;
import dev.sable.sequencer.engine.ExchangeState;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.market.Market;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.matching.Matcher;
import dev.sable.sequencer.math.Fixed;

/** Oracle records into mark prices, and funding intervals into the cumulative funding index. */
public final class PriceFeed {
  private final ExchangeState state;
  private final EventSink events;

  public PriceFeed(ExchangeState state, EventSink events) {
    this.state = state;
    this.events = events;
  }

  public void oracle(OraclePrice c) {
    Market m = state.market(c.market());
    RejectReason reason = m == null ? RejectReason.UNKNOWN_MARKET : validate(m, c);
    if (reason != null) {
      events.accept(new Event.Rejected(reason));
      return;
    }
    m.recordOracle(c.source(), c.price(), c.publishTime());
    refreshMark(m);
  }

  private RejectReason validate(Market m, OraclePrice c) {
    if (c.source() < 0 || c.source() >= m.spec.oracleSources()) {
      return RejectReason.UNKNOWN_ORACLE_SOURCE;
    }
    if (c.price() <= 0) {
      return RejectReason.NON_POSITIVE_PRICE;
    }
    if (c.price() > m.spec.maxPrice()) {
      return RejectReason.PRICE_ABOVE_MAX;
    }
    if (c.publishTime() > state.now) {
      return RejectReason.ORACLE_FROM_FUTURE;
    }
    if (c.publishTime() <= m.sourceTime(c.source())
        || state.now - c.publishTime() > m.spec.oracleStaleness()) {
      return RejectReason.STALE_ORACLE_PRICE;
    }
    return null;
  }

  /** Recomputes a market's mark at the current time and reports a change. */
  public void refreshMark(Market m) {
    if (m.recomputeMark(state.now)) {
      events.accept(new Event.MarkPrice(m.id, m.mark, m.markValid));
    }
  }

  /**
   * One funding interval: rate = clamp(premium), premium = (max(0, impactBid - index) - max(0,
   * index - impactAsk)) * 1e6 / index rounded down; the index grows by rate * index (in millionths
   * of a collateral unit per quantity unit). A side too thin for the impact quantity counts as the
   * index. The index price is the mark.
   */
  public void fundingTick(FundingTick c) {
    Market m = state.market(c.market());
    RejectReason reason = null;
    if (m == null) {
      reason = RejectReason.UNKNOWN_MARKET;
    } else if (m.status == MarketStatus.SETTLED) {
      reason = RejectReason.MARKET_SETTLED;
    } else if (!m.markValid) {
      reason = RejectReason.NO_MARK_PRICE;
    } else if (m.lastFundingTime != Long.MIN_VALUE
        && state.now - m.lastFundingTime < m.spec.fundingInterval()) {
      reason = RejectReason.FUNDING_TOO_EARLY;
    }
    if (reason != null) {
      events.accept(new Event.Rejected(reason));
      return;
    }
    long rate = fundingRate(m);
    m.fundingIndex = Math.addExact(m.fundingIndex, Math.multiplyExact(rate, m.mark));
    m.lastFundingTime = state.now;
    events.accept(new Event.FundingRate(m.id, rate, m.fundingIndex));
  }

  private static long fundingRate(Market m) {
    long index = m.mark;
    long impactBid = Matcher.impactPrice(m.book, true, m.spec.impactQuantity());
    long impactAsk = Matcher.impactPrice(m.book, false, m.spec.impactQuantity());
    long above = impactBid == OrderBook.NONE ? 0 : Math.max(0, impactBid - index);
    long below = impactAsk == OrderBook.NONE ? 0 : Math.max(0, index - impactAsk);
    long premium = Fixed.mulDivFloor(above - below, Fixed.PPM, index);
    long clamp = m.spec.fundingClampPpm();
    return Math.max(-clamp, Math.min(clamp, premium));
  }
}
