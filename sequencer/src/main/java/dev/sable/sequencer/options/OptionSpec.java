package dev.sable.sequencer.options;

import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.market.OptionTerms;

/**
 * The parameters of a European option market, in the sequencer's units (docs/sequencer.md "Units").
 * One quantity unit of the option is a claim on {@code contractSize} quantity units of the
 * underlying; its price is in collateral base units per option quantity unit, so a premium is
 * exactly {@code price * quantity}, as for every market.
 *
 * @param underlyingMarket the perpetual market whose mark is the forward and the settlement source
 * @param kind call or put
 * @param strike in the underlying's price units (collateral per underlying quantity unit)
 * @param expiry log time at which the option settles
 * @param contractSize underlying quantity units per option quantity unit
 * @param tickSize every option price (and the mark) is a multiple of it
 * @param lotSize every option quantity is a multiple of it
 */
public record OptionSpec(
    int underlyingMarket,
    OptionKind kind,
    long strike,
    long expiry,
    long contractSize,
    long tickSize,
    long lotSize) {

  /** The calls and puts of one series share a volatility; their oracle key. */
  public OptionSeries series() {
    return new OptionSeries(underlyingMarket, expiry, strike);
  }

  /** A listed option's pricing parameters: its terms with its market's tick and lot. */
  public static OptionSpec of(MarketSpec spec, OptionTerms t) {
    return new OptionSpec(
        t.underlyingMarket(),
        t.kind(),
        t.strike(),
        t.expiry(),
        t.contractSize(),
        spec.tickSize(),
        spec.lotSize());
  }

  /**
   * Whether the parameters are consistent. The strike notional of one unit, {@code strike *
   * contractSize}, is at most {@link MarketSpec#MAX_NOTIONAL}, so the model's products fit.
   */
  public boolean isValid() {
    return underlyingMarket >= 0
        && kind != null
        && strike > 0
        && expiry > 0
        && contractSize > 0
        && tickSize > 0
        && lotSize > 0
        && strike <= MarketSpec.MAX_NOTIONAL / contractSize;
  }
}
