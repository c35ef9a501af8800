package dev.sable.sequencer.crypto;

/**
 * The order a trader signs. Prices in ticks, sizes in lots, expiry in unix seconds (compared with
 * the logged batch time). Flags: bit 0 post-only, bit 1 reduce-only, bit 2 immediate-or-cancel.
 */
public record OrderMessage(
    long accountIndex,
    long marketId,
    long clientOrderId,
    long side,
    long priceTicks,
    long sizeLots,
    long expiry,
    long flags) {

  public OrderMessage {
    MessageRanges.check("accountIndex", accountIndex, 0, MessageRanges.ACCOUNTS);
    MessageRanges.check("marketId", marketId, 0, MessageRanges.MARKETS);
    MessageRanges.check("clientOrderId", clientOrderId, 0, Long.MAX_VALUE);
    MessageRanges.check("side", side, 0, 2);
    MessageRanges.check("priceTicks", priceTicks, 1, MessageRanges.PRICE_OR_SIZE);
    MessageRanges.check("sizeLots", sizeLots, 1, MessageRanges.PRICE_OR_SIZE);
    MessageRanges.check("expiry", expiry, 0, Long.MAX_VALUE);
    MessageRanges.check("flags", flags, 0, MessageRanges.FLAGS);
  }

  /** The field element the trader signs. */
  public Fr hash(Deployment d) {
    return Poseidon2.INSTANCE.hash(
        DomainTag.ORDER,
        Fr.ofLong(d.chainId()),
        d.contract(),
        Fr.ofLong(accountIndex),
        Fr.ofLong(marketId),
        Fr.ofLong(clientOrderId),
        Fr.ofLong(side),
        Fr.ofLong(priceTicks),
        Fr.ofLong(sizeLots),
        Fr.ofLong(expiry),
        Fr.ofLong(flags));
  }
}
