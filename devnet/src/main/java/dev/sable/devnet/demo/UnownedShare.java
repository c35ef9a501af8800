package dev.sable.devnet.demo;

import dev.sable.state.settlement.SettlementState;

/**
 * What a stopped node's last proven state holds that no key can exit (docs/bridge.md, "The escape
 * scenario"): the insurance fund's equity (account 0 has no key, so no exit signature), the fee
 * pool and the funding pool (no account at all). On a frozen bridge this money stays in the bridge.
 *
 * @param fundEquity account 0's equity, valued as {@link ProvenAccount} values any account
 * @param feePool the state's fee pool
 * @param fundingPool the state's funding pool (signed)
 */
public record UnownedShare(long fundEquity, long feePool, long fundingPool) {

  /** The share {@code state} holds. */
  static UnownedShare of(SettlementState state) {
    long fund = state.account(0).map(leaf -> ProvenAccount.equity(state, leaf)).orElse(0L);
    return new UnownedShare(fund, state.global().feePool(), state.global().fundingPool());
  }

  /** The three together. */
  public long total() {
    return Math.addExact(Math.addExact(fundEquity, feePool), fundingPool);
  }
}
