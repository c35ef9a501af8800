package dev.sable.sequencer.optionmarket;

import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.market.OptionTerms;
import dev.sable.sequencer.options.OptionSpec;
import dev.sable.sequencer.options.TimeToExpiry;

/**
 * The listing rule of an option market. Besides a valid spec and a free market id: the underlying
 * is a listed perpetual that is not settled; the terms are positive; the expiry is after now and
 * less than 16 years away (the model's range); and the spec's {@code maxPrice} is a multiple of its
 * tick and at least both {@code underlying maxPrice * contractSize} and {@code strike *
 * contractSize}, which bound the option's value, so its mark and every payoff are at most {@code
 * maxPrice}, and the spec's own bound {@code maxPrice * maxPosition <= 2^62} holds every premium
 * and settlement; and {@code underlying maxPrice * contractSize <= 2^61}, so the forward notional
 * of every risk scenario (at most twice the mark) fits in 62 bits.
 */
public final class OptionListing {
  private OptionListing() {}

  /** The option's pricing parameters: its terms with the market's tick and lot. */
  public static OptionSpec pricing(MarketSpec spec, OptionTerms t) {
    return OptionSpec.of(spec, t);
  }

  /** Why the listing is refused, or null if it is accepted. */
  public static RejectReason refusal(ExchangeState state, MarketSpec spec, OptionTerms t) {
    if (!spec.isValid()) {
      return RejectReason.INVALID_MARKET_SPEC;
    }
    if (state.marketCount() == ExchangeState.MAX_MARKETS) {
      return RejectReason.TOO_MANY_MARKETS;
    }
    return termsValid(state, spec, t) ? null : RejectReason.INVALID_OPTION_TERMS;
  }

  private static boolean termsValid(ExchangeState state, MarketSpec spec, OptionTerms t) {
    Market u = state.market(t.underlyingMarket());
    if (u == null
        || u.isOption()
        || u.status() == MarketStatus.SETTLED
        || !pricing(spec, t).isValid()
        || t.expiry() <= state.now()) {
      return false;
    }
    // expiry > now >= 0: the difference cannot overflow.
    long yearsAway = (t.expiry() - state.now()) / OptionMarks.TIME.unitsPerYear();
    long max = spec.maxPrice();
    return yearsAway < TimeToExpiry.MAX_YEARS
        && max % spec.tickSize() == 0
        && t.contractSize() <= max / u.spec().maxPrice()
        // the extreme scenario doubles the forward: 2 * F * contractSize <= 2^62
        && t.contractSize() <= MarketSpec.MAX_NOTIONAL / 2 / u.spec().maxPrice()
        && t.strike() <= max / t.contractSize();
  }
}
