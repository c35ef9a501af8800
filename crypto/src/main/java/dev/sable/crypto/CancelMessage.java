package dev.sable.crypto;

/** The cancellation of one order, signed by its trader: the sequencer's CancelOrder command. */
public record CancelMessage(long accountIndex, long clientOrderId) implements SignedMessage {
  public CancelMessage {
    MessageRanges.check("accountIndex", accountIndex, 0, MessageRanges.ACCOUNTS);
    MessageRanges.check("clientOrderId", clientOrderId, 0, Long.MAX_VALUE);
  }

  /** The field element the trader signs (docs/state.md, section 7: cancels are not proven). */
  public Fr hash(Deployment d) {
    return signedHash(d, Poseidon2.INSTANCE);
  }

  @Override
  public Fr signedPrefix(Deployment d) {
    return MessagePrefix.of(DomainTag.CANCEL, d);
  }

  @Override
  public Fr[] signedWords() {
    return new Fr[] {Fr.ofLong(accountIndex), Fr.ofLong(clientOrderId)};
  }
}
