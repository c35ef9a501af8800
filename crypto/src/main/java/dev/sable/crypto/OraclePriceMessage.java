package dev.sable.crypto;

import dev.sable.crypto.PackedWord.Lane;

/**
 * A price an oracle source signs for a market (docs/state.md, section 12): the source's key is in
 * the market leaf, and the price becomes the source's last record.
 *
 * @param source the source's position among the market's oracle keys
 * @param price collateral units per quantity unit
 * @param publishTime log time at which the source published the price
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
    return Poseidon2.INSTANCE.hash(
        DomainTag.ORACLE_PRICE,
        Fr.ofLong(d.chainId()),
        d.contract(),
        PackedWord.pack(
            Lane.unsigned(marketId, 0),
            Lane.unsigned(source, 8),
            Lane.unsigned(price, 16),
            Lane.unsigned(publishTime, 80)));
  }
}
