package dev.sable.sequencer.crypto;

/**
 * A withdrawal of collateral to an L1 address (160 bits, as an integer), signed by the account
 * owner. The nonce must equal the account's nonce; executing the withdrawal increments it.
 */
public record WithdrawalMessage(long accountIndex, long amount, Fr recipient, long nonce) {

  /** The field element the trader signs. */
  public Fr hash(Deployment d) {
    return Poseidon2.INSTANCE.hash(
        DomainTag.WITHDRAW,
        Fr.ofLong(d.chainId()),
        d.contract(),
        Fr.ofLong(accountIndex),
        Fr.ofLong(amount),
        recipient,
        Fr.ofLong(nonce));
  }
}
