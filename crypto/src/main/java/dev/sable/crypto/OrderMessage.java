package dev.sable.crypto;

import dev.sable.crypto.PackedWord.Lane;

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

  /**
   * The field element the trader signs for the settlement circuit (docs/state.md, section 12):
   * H(TAG_ORDER2, chainId, contract, w1, w2).
   */
  public Fr hashV2(Deployment d) {
    Fr[] w = words();
    return Poseidon2.INSTANCE.hash(
        DomainTag.ORDER2, Fr.ofLong(d.chainId()), d.contract(), w[0], w[1]);
  }

  /**
   * The two packed words of the v2 message: {@code w1 = account + 2^24 market + 2^32 side + 2^33
   * type + 2^36 reduceOnly + 2^37 stp + 2^39 clientOrderId}, {@code w2 = price + 2^64 quantity +
   * 2^128 expiry}.
   */
  public Fr[] words() {
    Fr w1 =
        PackedWord.pack(
            Lane.unsigned(accountIndex, 0),
            Lane.unsigned(marketId, 24),
            Lane.unsigned(side, 32),
            Lane.unsigned(type, 33),
            Lane.unsigned(reduceOnly, 36),
            Lane.unsigned(stp, 37),
            Lane.unsigned(clientOrderId, 39));
    Fr w2 =
        PackedWord.pack(
            Lane.unsigned(price, 0), Lane.unsigned(quantity, 64), Lane.unsigned(expiry, 128));
    return new Fr[] {w1, w2};
  }

  /** The field element the trader signs (the state-update layout, docs/state.md section 7). */
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
