package dev.sable.crypto;

/**
 * What an account's owner signs to leave a frozen bridge with its equity, to an L1 address (160
 * bits, as an integer): H(TAG_EXIT, chainId, contract, account, recipient) (circuits/exit).
 */
public record ExitMessage(long accountIndex, Fr recipient) {
  public ExitMessage {
    MessageRanges.check("accountIndex", accountIndex, 0, MessageRanges.ACCOUNTS);
    if (recipient.isZero() || recipient.toBigInteger().bitLength() > 160) {
      throw new IllegalArgumentException("recipient is 0 or wider than 160 bits");
    }
  }

  public Fr hash(Deployment d) {
    return Poseidon2.INSTANCE.hash(
        DomainTag.EXIT, Fr.ofLong(d.chainId()), d.contract(), Fr.ofLong(accountIndex), recipient);
  }
}
