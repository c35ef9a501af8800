package dev.sable.crypto;

/**
 * The order a trader signs: the sequencer's PlaceOrder command. It signs {@link #hashV2}; an amend
 * is an order too ({@link #amend}). Price in collateral units per quantity unit; expiry a log time
 * (0 = none). Enumerations by ordinal: side 0 buy, 1 sell; type 0 GTC, 1 post-only, 2 IOC, 3 FOK, 4
 * market; stp 0 cancel taker, 1 cancel maker, 2 cancel both.
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

  /**
   * The field element the trader signs (docs/state.md, section 12): H(TAG_ORDER2, chainId,
   * contract, w1, w2), the message the settlement circuit checks.
   */
  public Fr hashV2(Deployment d) {
    return hashV2(d, Poseidon2.INSTANCE);
  }

  /** The same, computed with the given Poseidon2 implementation. */
  public Fr hashV2(Deployment d, FieldHasher hasher) {
    return signedHash(d, hasher);
  }

  @Override
  public Fr signedPrefix(Deployment d) {
    return MessagePrefix.of(DomainTag.ORDER2, d);
  }

  /**
   * The two packed words of the v2 message: {@code w1 = account + 2^24 market + 2^32 side + 2^33
   * type + 2^36 reduceOnly + 2^37 stp + 2^39 clientOrderId}, {@code w2 = price + 2^64 quantity +
   * 2^128 expiry}.
   */
  @Override
  public Fr[] signedWords() {
    return new Fr[] {word1(), word2()};
  }

  // Every lane is below the next lane's shift (the ranges above), so the words are plain limbs:
  // w1 < 2^102 and w2 < 2^191, both far below r.
  private Fr word1() {
    long low =
        accountIndex
            | marketId << 24
            | side << 32
            | type << 33
            | reduceOnly << 36
            | stp << 37
            | clientOrderId << 39;
    return new Fr(low, clientOrderId >>> 25, 0, 0);
  }

  private Fr word2() {
    return new Fr(price, quantity, expiry, 0);
  }

  /**
   * The amend of this order (docs/settlement.md, "Orders"): a new order in the same fill slot,
   * under the next client order id of that slot ({@code clientOrderId + 1024}), with the new price
   * and the new remaining quantity and every other term unchanged. Once it is accepted, this order
   * can never fill again.
   */
  public OrderMessage amend(long newPrice, long newQuantity) {
    if (clientOrderId > Long.MAX_VALUE - 1 - MessageRanges.FILL_SLOTS) {
      throw new IllegalArgumentException(
          "clientOrderId has no later id in its fill slot below 2^63 - 1");
    }
    return new OrderMessage(
        accountIndex,
        marketId,
        clientOrderId + MessageRanges.FILL_SLOTS,
        side,
        type,
        newPrice,
        newQuantity,
        reduceOnly,
        expiry,
        stp);
  }

  /** The fill slot of this order: {@code clientOrderId mod 1024}. */
  public int fillSlot() {
    return (int) (clientOrderId & (MessageRanges.FILL_SLOTS - 1));
  }

  /** The section 7 (state-update layout) hash, pinned by the go.txt/java.txt vectors. */
  public Fr hash(Deployment d) {
    return Poseidon2.INSTANCE.fold(
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
