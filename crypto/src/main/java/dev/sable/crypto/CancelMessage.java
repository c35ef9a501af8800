package dev.sable.crypto;

/** The cancellation of one order, signed by its trader: the sequencer's CancelOrder command. */
public record CancelMessage(long accountIndex, long clientOrderId) {
  public CancelMessage {
    MessageRanges.check("accountIndex", accountIndex, 0, MessageRanges.ACCOUNTS);
    MessageRanges.check("clientOrderId", clientOrderId, 0, Long.MAX_VALUE);
  }

  /** The field element the trader signs. */
  public Fr hash(Deployment d) {
    return Poseidon2.INSTANCE.hash(
        DomainTag.CANCEL,
        Fr.ofLong(d.chainId()),
        d.contract(),
        Fr.ofLong(accountIndex),
        Fr.ofLong(clientOrderId));
  }
}
