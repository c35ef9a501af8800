package dev.sable.batch;

import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.WithdrawalMessage;

/**
 * A withdrawal with its owner's signature over {@link WithdrawalMessage#hashV2}; the message's
 * nonce is the one it was signed with, which must be the account's nonce plus the withdrawals of
 * the same account earlier in the batch.
 */
public record Withdrawal(WithdrawalMessage message, EdDsaSignature signature) {}
