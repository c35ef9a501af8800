package dev.sable.batch.sequencer;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.state.settlement.KeyPoint;

/**
 * The sequencer's view of a key a deposit names: the key's 32-byte encoding when it is a valid key,
 * {@link AccountKey#NONE} for (0, 0) (no key: the fund's), {@link AccountKey#INVALID} for any other
 * point. What the node puts in a {@code Deposit} command, so that the sequencer refuses (and L1
 * refunds) exactly the deposits the circuit would not let the operator credit.
 */
public final class AccountKeys {
  private AccountKeys() {}

  public static AccountKey of(KeyPoint key) {
    if (key.equals(KeyPoint.NONE)) {
      return AccountKey.NONE;
    }
    return key.validated().map(k -> AccountKey.of(k.encode())).orElse(AccountKey.INVALID);
  }
}
