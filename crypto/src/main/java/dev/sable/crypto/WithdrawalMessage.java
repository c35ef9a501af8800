package dev.sable.crypto;

import dev.sable.crypto.PackedWord.Lane;

/**
 * A withdrawal of collateral to an L1 address (160 bits, as an integer), signed by the account
 * owner. The nonce must equal the account's nonce; executing the withdrawal increments it.
 */
public record WithdrawalMessage(long accountIndex, long amount, Fr recipient, long nonce)
    implements SignedMessage {
  public WithdrawalMessage {
    MessageRanges.check("accountIndex", accountIndex, 0, MessageRanges.ACCOUNTS);
    MessageRanges.check("amount", amount, 1, Long.MAX_VALUE);
    MessageRanges.check("nonce", nonce, 0, Long.MAX_VALUE);
    if (recipient.toBigInteger().bitLength() > 160) {
      throw new IllegalArgumentException("recipient wider than 160 bits");
    }
  }

  /**
   * The field element the trader signs for the settlement circuit (docs/state.md, section 12):
   * H(TAG_WITHDRAW2, chainId, contract, account + 2^24 nonce + 2^88 amount, recipient).
   */
  public Fr hashV2(Deployment d) {
    return packedHash(DomainTag.WITHDRAW2, d);
  }

  /**
   * What the owner signs to register a forced withdrawal request of up to {@code amount} on L1
   * (docs/bridge.md): H(TAG_FORCED, chainId, contract, account + 2^24 nonce + 2^88 amount,
   * recipient).
   */
  public Fr forcedHash(Deployment d) {
    return packedHash(DomainTag.FORCED, d);
  }

  /** H(tag, chainId, contract, account + 2^24 nonce + 2^88 amount, recipient). */
  private Fr packedHash(Fr tag, Deployment d) {
    return Poseidon2.INSTANCE.hash(
        tag,
        Fr.ofLong(d.chainId()),
        d.contract(),
        PackedWord.pack(
            Lane.unsigned(accountIndex, 0), Lane.unsigned(nonce, 24), Lane.unsigned(amount, 88)),
        recipient);
  }

  /** The field element the trader signs (the state-update layout, docs/state.md section 7). */
  public Fr hash(Deployment d) {
    return hash(d, Poseidon2.INSTANCE);
  }

  @Override
  public Fr hash(Deployment d, FieldHasher hasher) {
    return hasher.fold(
        MessagePrefix.of(DomainTag.WITHDRAW, d),
        Fr.ofLong(accountIndex),
        Fr.ofLong(amount),
        recipient,
        Fr.ofLong(nonce));
  }
}
