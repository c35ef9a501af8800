package dev.sable.state.settlement;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;

/**
 * What the global state root commits to (docs/state.md, section 12): the account and market trees,
 * the fee pool (>= 0), the funding pool (signed), the time of the last batch and the number of L1
 * deposits consumed since genesis.
 */
public record GlobalState(
    Fr accountsRoot, Fr marketsRoot, long feePool, long fundingPool, long time, long depositCount) {

  /** H(TAG_STATE, accountsRoot, marketsRoot, feePool, fundingPool, time, depositCount). */
  public Fr root() {
    return Poseidon2.INSTANCE.hash(
        DomainTag.STATE,
        accountsRoot,
        marketsRoot,
        Fr.ofLong(feePool),
        Fr.ofLong(fundingPool),
        Fr.ofLong(time),
        Fr.ofLong(depositCount));
  }
}
