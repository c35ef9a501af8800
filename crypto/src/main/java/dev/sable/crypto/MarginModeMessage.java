package dev.sable.crypto;

/**
 * A trader's switch between cross margin ({@code portfolio} 0) and portfolio margin (1): the
 * sequencer's SetMarginMode command (docs/options.md "Options in the node's API"). The Go
 * settlement circuit proves it in its switch slots (docs/settlement.md "The margin-mode switch");
 * the Java batch builder emits them ({@code MarginSwitches}), the batcher not yet. {@code
 * requestId} is a client order id the request takes as an order would (its fill slot, docs/state.md
 * section 4), so a signed switch is accepted once and never replayed after a later one.
 */
public record MarginModeMessage(long accountIndex, long portfolio, long requestId)
    implements SignedMessage {
  public MarginModeMessage {
    MessageRanges.check("accountIndex", accountIndex, 0, MessageRanges.ACCOUNTS);
    MessageRanges.check("portfolio", portfolio, 0, 2);
    MessageRanges.check("requestId", requestId, 0, Long.MAX_VALUE);
  }

  public Fr hash(Deployment d) {
    return signedHash(d, Poseidon2.INSTANCE);
  }

  @Override
  public Fr signedPrefix(Deployment d) {
    return MessagePrefix.of(DomainTag.MARGIN_MODE, d);
  }

  @Override
  public Fr[] signedWords() {
    return new Fr[] {Fr.ofLong(accountIndex), Fr.ofLong(portfolio), Fr.ofLong(requestId)};
  }
}
