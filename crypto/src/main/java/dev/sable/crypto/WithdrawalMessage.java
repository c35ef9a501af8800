package dev.sable.crypto;

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
   * The field element the trader signs (docs/state.md, section 12): H(TAG_WITHDRAW2, chainId,
   * contract, account + 2^24 nonce + 2^88 amount, recipient), the message the settlement circuit
   * checks.
   */
  public Fr hashV2(Deployment d) {
    return hashV2(d, Poseidon2.INSTANCE);
  }

  /**
   * What the owner signs to register a forced withdrawal request of up to {@code amount} on L1
   * (docs/bridge.md): H(TAG_FORCED, chainId, contract, account + 2^24 nonce + 2^88 amount,
   * recipient).
   */
  public Fr forcedHash(Deployment d) {
    return Poseidon2.INSTANCE.fold(MessagePrefix.of(DomainTag.FORCED, d), word(), recipient);
  }

  /** The same, computed with the given Poseidon2 implementation. */
  public Fr hashV2(Deployment d, FieldHasher hasher) {
    return signedHash(d, hasher);
  }

  @Override
  public Fr signedPrefix(Deployment d) {
    return MessagePrefix.of(DomainTag.WITHDRAW2, d);
  }

  @Override
  public Fr[] signedWords() {
    return new Fr[] {word(), recipient};
  }

  /** account + 2^24 nonce + 2^88 amount. */
  private Fr word() {
    // account < 2^24, nonce < 2^63, amount < 2^63: the word is below 2^151, plain limbs
    return new Fr(accountIndex | nonce << 24, nonce >>> 40 | amount << 24, amount >>> 40, 0);
  }

  /** The section 7 (state-update layout) hash, pinned by the go.txt/java.txt vectors. */
  public Fr hash(Deployment d) {
    return Poseidon2.INSTANCE.fold(
        MessagePrefix.of(DomainTag.WITHDRAW, d),
        Fr.ofLong(accountIndex),
        Fr.ofLong(amount),
        recipient,
        Fr.ofLong(nonce));
  }
}
