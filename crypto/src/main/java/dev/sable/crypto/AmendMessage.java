package dev.sable.crypto;

/**
 * A new price and quantity for a resting order, signed by its trader: the sequencer's AmendOrder
 * command. {@code amendNonce} orders a trader's amends of one order: the node accepts an amend only
 * if its nonce is greater than that of every earlier amend of the same order, so a replayed amend
 * cannot restore terms the trader has since replaced.
 */
public record AmendMessage(
    long accountIndex, long clientOrderId, long price, long quantity, long amendNonce)
    implements SignedMessage {

  public AmendMessage {
    MessageRanges.check("accountIndex", accountIndex, 0, MessageRanges.ACCOUNTS);
    MessageRanges.check("clientOrderId", clientOrderId, 0, Long.MAX_VALUE);
    MessageRanges.check("price", price, 1, MessageRanges.PRICE_OR_QUANTITY);
    MessageRanges.check("quantity", quantity, 1, MessageRanges.PRICE_OR_QUANTITY);
    MessageRanges.check("amendNonce", amendNonce, 1, Long.MAX_VALUE);
  }

  /** The field element the trader signs. */
  public Fr hash(Deployment d) {
    return hash(d, Poseidon2.INSTANCE);
  }

  @Override
  public Fr hash(Deployment d, FieldHasher hasher) {
    return hasher.fold(
        MessagePrefix.of(DomainTag.AMEND, d),
        Fr.ofLong(accountIndex),
        Fr.ofLong(clientOrderId),
        Fr.ofLong(price),
        Fr.ofLong(quantity),
        Fr.ofLong(amendNonce));
  }
}
