package dev.sable.sequencer.market;

/**
 * What makes a listed market a European option rather than a perpetual: the terms a {@code
 * ListOption} command adds to the market's {@link MarketSpec} (whose tick, lot, fees, margin rates,
 * position and price bounds apply as to every market; its oracle sources publish the option's
 * volatility). Units are the sequencer's (docs/options.md "Units").
 *
 * @param underlyingMarket the perpetual market whose mark is the model's forward and the settlement
 *     price
 * @param kind call or put
 * @param strike collateral per underlying quantity unit (the underlying's price unit)
 * @param expiry log time (milliseconds) at which the option settles
 * @param contractSize underlying quantity units per option quantity unit
 */
public record OptionTerms(
    int underlyingMarket, OptionKind kind, long strike, long expiry, long contractSize) {

  /**
   * The payoff of one option quantity unit at settlement price {@code price}: {@code max(0, price -
   * strike) * contractSize} for a call, {@code max(0, strike - price) * contractSize} for a put.
   * Listing bounds it by the option's {@code maxPrice} (see {@code OptionListing}).
   */
  public long payoff(long price) {
    long inTheMoney = kind == OptionKind.CALL ? price - strike : strike - price;
    return inTheMoney <= 0 ? 0 : Math.multiplyExact(inTheMoney, contractSize);
  }
}
