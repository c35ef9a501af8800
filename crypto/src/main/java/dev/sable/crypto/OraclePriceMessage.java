package dev.sable.crypto;

import dev.sable.crypto.PackedWord.Lane;

/**
 * A record an oracle source signs for a market (docs/state.md, section 12): the source's key is in
 * the market leaf, and the record becomes the source's last. A perpetual's source signs a price
 * ({@link #hash}); an option market's source signs the option's volatility in ppm per year in the
 * same lanes under another tag ({@link #volatilityHash}), so neither passes for the other.
 *
 * @param source the source's position among the market's oracle keys
 * @param price collateral units per quantity unit, or an option's volatility in ppm per year
 * @param publishTime log time at which the source published the record
 */
public record OraclePriceMessage(long marketId, long source, long price, long publishTime) {
  public OraclePriceMessage {
    MessageRanges.check("marketId", marketId, 0, MessageRanges.MARKETS);
    MessageRanges.check("source", source, 0, MessageRanges.ORACLE_SOURCES);
    MessageRanges.check("price", price, 1, Long.MAX_VALUE);
    MessageRanges.check("publishTime", publishTime, 0, Long.MAX_VALUE);
  }

  /**
   * The field element the source signs: H(TAG_ORACLE_PRICE, chainId, contract, market + 2^8 source
   * + 2^16 price + 2^80 publishTime).
   */
  public Fr hash(Deployment d) {
    return hash(DomainTag.ORACLE_PRICE, d);
  }

  /**
   * The field element an option market's source signs for a volatility record: H(TAG_VOL, chainId,
   * contract, market + 2^8 source + 2^16 volPpm + 2^80 publishTime).
   */
  public Fr volatilityHash(Deployment d) {
    return hash(DomainTag.VOLATILITY, d);
  }

  /**
   * What a record of the market is signed over: a volatility for an option market, else a price.
   */
  public Fr hashFor(boolean optionMarket, Deployment d) {
    return optionMarket ? volatilityHash(d) : hash(d);
  }

  private Fr hash(Fr tag, Deployment d) {
    return Poseidon2.INSTANCE.hash(
        tag,
        Fr.ofLong(d.chainId()),
        d.contract(),
        PackedWord.pack(
            Lane.unsigned(marketId, 0),
            Lane.unsigned(source, 8),
            Lane.unsigned(price, 16),
            Lane.unsigned(publishTime, 80)));
  }
}
