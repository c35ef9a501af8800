package dev.sable.sequencer.optionmarket;

import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.core.MarketControl;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.options.Black76;
import dev.sable.sequencer.options.TimeBasis;
import dev.sable.sequencer.options.TimeToExpiry;

/**
 * Option marks from the pricing model: {@code Black76.mark} (the value rounded to the option's
 * tick, halves up) at the underlying's mark as the forward, the option's volatility (the median of
 * its sources) and the time from the log's now to the expiry. The mark is valid when the
 * underlying's mark and the volatility are, before the expiry; it is recomputed whenever one of its
 * inputs may have changed (an accepted price or volatility record, a time tick, the listing).
 */
public final class OptionMarks {
  /** Log time is in milliseconds, the node's unit: the model's years are 365 days of them. */
  public static final TimeBasis TIME = TimeBasis.MILLISECONDS;

  private final ExchangeState state;
  private final MarketControl markets;

  public OptionMarks(ExchangeState state, MarketControl markets) {
    this.state = state;
    this.markets = markets;
  }

  /** Reprices every option market. */
  public void refreshAll() {
    for (Market m : state.markets()) {
      if (m.isOption()) {
        refresh(m);
      }
    }
  }

  /** Reprices the options on one underlying (after a price record of it). */
  public void refreshOn(int underlying) {
    for (Market m : state.markets()) {
      if (m.isOption() && m.option().underlyingMarket() == underlying) {
        refresh(m);
      }
    }
  }

  /** Reprices one market if it is an option (after a volatility record of it). */
  public void refreshMarket(int market) {
    Market m = state.market(market);
    if (m != null && m.isOption()) {
      refresh(m);
    }
  }

  private void refresh(Market m) {
    if (m.status() == MarketStatus.SETTLED) {
      return;
    }
    Market u = state.market(m.option().underlyingMarket());
    if (u.mark() == 0 || m.volatility() == 0) {
      markets.setModelMark(m, m.mark(), false); // no input yet: no price
      return;
    }
    long now = state.now();
    boolean live = now < m.option().expiry();
    TimeToExpiry t =
        live ? TimeToExpiry.between(now, m.option().expiry(), TIME) : TimeToExpiry.EXPIRED;
    long mark =
        Black76.mark(OptionListing.pricing(m.spec(), m.option()), u.mark(), m.volatility(), t);
    markets.setModelMark(m, mark, live && u.markValid() && m.volatilityValid());
  }
}
