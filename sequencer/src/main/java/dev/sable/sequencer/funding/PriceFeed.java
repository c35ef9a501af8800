package dev.sable.sequencer.funding;

import dev.sable.sequencer.command.Command.FundingTick;
import dev.sable.sequencer.command.Command.OraclePrice;
import dev.sable.sequencer.command.Command.VolatilityPrice;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.core.MarketControl;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.matching.Matcher;
import dev.sable.sequencer.math.Fixed;
import dev.sable.sequencer.options.VolatilityQuote;

/** Oracle records into mark prices, and funding intervals into the cumulative funding index. */
public final class PriceFeed {
  private final ExchangeState state;
  private final EventSink events;
  private final MarketControl markets;

  public PriceFeed(ExchangeState state, EventSink events, MarketControl markets) {
    this.state = state;
    this.events = events;
    this.markets = markets;
  }

  /**
   * A price record of a perpetual's source; the mark is recomputed.
   *
   * @return whether it was accepted
   */
  public boolean oracle(OraclePrice c) {
    return record(c.market(), c.source(), c.price(), c.publishTime(), false);
  }

  /**
   * A volatility record of an option market's source; its volatility (the median) is recomputed,
   * and the caller reprices the option.
   *
   * @return whether it was accepted
   */
  public boolean volatility(VolatilityPrice c) {
    return record(c.market(), c.source(), c.volPpm(), c.publishTime(), true);
  }

  private boolean record(int market, int source, long value, long publishTime, boolean volatility) {
    Market m = state.market(market);
    RejectReason reason =
        m == null
            ? RejectReason.UNKNOWN_MARKET
            : validate(m, source, value, publishTime, volatility);
    if (reason != null) {
      events.reject(reason);
      return false;
    }
    markets.recordOracle(m, source, value, publishTime);
    markets.refreshMark(m);
    return true;
  }

  private RejectReason validate(
      Market m, int source, long value, long publishTime, boolean volatility) {
    if (m.isOption() != volatility) {
      return volatility ? RejectReason.NOT_AN_OPTION_MARKET : RejectReason.OPTION_MARKET;
    }
    if (source < 0 || source >= m.spec().oracleSources()) {
      return RejectReason.UNKNOWN_ORACLE_SOURCE;
    }
    RejectReason bad = volatility ? validVolatility(value) : validPrice(m, value);
    if (bad != null) {
      return bad;
    }
    if (publishTime > state.now()) {
      return RejectReason.ORACLE_FROM_FUTURE;
    }
    // now >= 0 (time starts at 0 and never goes back), so now - staleness cannot overflow, while
    // now - publishTime could for a publish time near Long.MIN_VALUE.
    if (publishTime <= m.sourceTime(source)
        || publishTime < state.now() - m.spec().oracleStaleness()) {
      return RejectReason.STALE_ORACLE_PRICE;
    }
    return null;
  }

  private static RejectReason validPrice(Market m, long price) {
    if (price <= 0) {
      return RejectReason.NON_POSITIVE_PRICE;
    }
    return price > m.spec().maxPrice() ? RejectReason.PRICE_ABOVE_MAX : null;
  }

  private static RejectReason validVolatility(long volPpm) {
    return volPpm < VolatilityQuote.MIN_VOL_PPM || volPpm > VolatilityQuote.MAX_VOL_PPM
        ? RejectReason.VOLATILITY_OUT_OF_RANGE
        : null;
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
    } else if (m.isOption()) {
      reason = RejectReason.OPTION_MARKET;
    } else if (m.status() == MarketStatus.SETTLED) {
      reason = RejectReason.MARKET_SETTLED;
    } else if (!m.markValid()) {
      reason = RejectReason.NO_MARK_PRICE;
    } else if (m.lastFundingTime() != Long.MIN_VALUE
        && state.now() - m.lastFundingTime() < m.spec().fundingInterval()) {
      reason = RejectReason.FUNDING_TOO_EARLY;
    }
    long rate = reason == null ? fundingRate(m) : 0;
    // |index| <= limit, so room >= 0, and |rate| * mark <= room keeps the new index in bound.
    if (reason == null
        && Math.abs(rate) > (m.spec().maxFundingIndex() - Math.abs(m.fundingIndex())) / m.mark()) {
      reason = RejectReason.FUNDING_INDEX_LIMIT;
    }
    if (reason != null) {
      events.reject(reason);
      return;
    }
    markets.applyFunding(m, rate);
  }

  private static long fundingRate(Market m) {
    long index = m.mark();
    long impactBid = Matcher.impactPrice(m.book(), true, m.spec().impactQuantity());
    long impactAsk = Matcher.impactPrice(m.book(), false, m.spec().impactQuantity());
    long above = impactBid == OrderBook.NONE ? 0 : Math.max(0, impactBid - index);
    long below = impactAsk == OrderBook.NONE ? 0 : Math.max(0, index - impactAsk);
    long clamp = m.spec().fundingClampPpm();
    long diff = above - below;
    // A premium of 100% or more is clamped anyway (clamp <= 1e6); below it the quotient fits.
    if (Math.abs(diff) >= index) {
      return diff > 0 ? clamp : -clamp;
    }
    long premium = Fixed.mulDivFloor(diff, Fixed.PPM, index);
    return Math.max(-clamp, Math.min(clamp, premium));
  }
}
