package dev.sable.crypto;

/**
 * The answer to a node's login challenge: the account's owner signs it to open a read session.
 * Checked by the node only (never in a circuit); its own domain tag keeps a login signature from
 * ever being valid as an order, cancel, amend or withdrawal.
 */
public record AuthMessage(long accountIndex, Fr challenge) {
  public AuthMessage {
    MessageRanges.check("accountIndex", accountIndex, 0, MessageRanges.ACCOUNTS);
  }

  /** The field element the trader signs. */
  public Fr hash(Deployment d) {
    return Poseidon2.INSTANCE.fold(
        MessagePrefix.of(DomainTag.AUTH, d), Fr.ofLong(accountIndex), challenge);
  }
}
