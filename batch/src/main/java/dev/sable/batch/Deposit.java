package dev.sable.batch;

import dev.sable.crypto.Fr;
import dev.sable.state.StateLayout;
import dev.sable.state.settlement.KeyPoint;

/**
 * One record of L1's deposit queue and the sequencer's decision about it.
 *
 * @param account the account credited (created, with key and blinding, if new)
 * @param amount collateral base units
 * @param sender the L1 address that deposited (160 bits; a refund goes back to it)
 * @param key the account's key, as the depositor named it
 * @param blinding the new account's blinding (the node picks it); ignored for an existing account
 * @param refund the sequencer refused the deposit: nothing changes, L1 pays it back to the sender
 */
public record Deposit(
    long account, long amount, Fr sender, KeyPoint key, Fr blinding, boolean refund) {
  public Deposit {
    if (account < 0 || account >= 1L << StateLayout.ACCOUNT_DEPTH) {
      throw new IllegalArgumentException("deposit account " + account + " out of range");
    }
    if (amount < 0) {
      throw new IllegalArgumentException("deposit amount " + amount + " is negative");
    }
    if (sender.toBigInteger().bitLength() > 160) {
      throw new IllegalArgumentException("deposit sender wider than 160 bits");
    }
  }
}
