package dev.sable.crypto;

/**
 * The order a trader signs: the sequencer's PlaceOrder command. Price in collateral units per
 * quantity unit; expiry a log time (0 = none). Enumerations by ordinal: side 0 buy, 1 sell; type 0
 * GTC, 1 post-only, 2 IOC, 3 FOK, 4 market; stp 0 cancel taker, 1 cancel maker, 2 cancel both.
 */
public record OrderMessage(
    long accountIndex,
    long marketId,
    long clientOrderId,
    long side,
    long type,
    long price,
    long quantity,
    long reduceOnly,
    long expiry,
    long stp)
    implements SignedMessage {

  public OrderMessage {
    MessageRanges.check("accountIndex", accountIndex, 0, MessageRanges.ACCOUNTS);
    MessageRanges.check("marketId", marketId, 0, MessageRanges.MARKETS);
    MessageRanges.check("clientOrderId", clientOrderId, 0, Long.MAX_VALUE);
    MessageRanges.check("side", side, 0, 2);
    MessageRanges.check("type", type, 0, 5);
    MessageRanges.check("price", price, 1, MessageRanges.PRICE_OR_QUANTITY);
    MessageRanges.check("quantity", quantity, 1, MessageRanges.PRICE_OR_QUANTITY);
    MessageRanges.check("reduceOnly", reduceOnly, 0, 2);
    MessageRanges.check("expiry", expiry, 0, Long.MAX_VALUE);
    MessageRanges.check("stp", stp, 0, 3);
  }

  /** The field element the trader signs. */
  public Fr hash(Deployment d) {
    return hash(d, Poseidon2.INSTANCE);
  }

  @Override
  public Fr hash(Deployment d, FieldHasher hasher) {
    return hasher.fold(
        MessagePrefix.of(DomainTag.ORDER, d),
        Fr.ofLong(accountIndex),
        Fr.ofLong(marketId),
        Fr.ofLong(clientOrderId),
        Fr.ofLong(side),
        Fr.ofLong(type),
        Fr.ofLong(price),
        Fr.ofLong(quantity),
        Fr.ofLong(reduceOnly),
        Fr.ofLong(expiry),
        Fr.ofLong(stp));
  }
}
