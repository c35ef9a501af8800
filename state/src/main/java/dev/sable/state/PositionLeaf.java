package dev.sable.state;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;

/**
 * One position in an account's positions tree, at index = market id: the sequencer's per-market
 * size, cost and funding index (docs/sequencer.md). Signed integers are encoded as x mod r.
 *
 * @param size signed quantity units: positive long, negative short
 * @param cost signed sum of price * signed quantity of the open position
 * @param fundingIndex the market's cumulative funding index when funding was last settled
 */
public record PositionLeaf(long size, long cost, long fundingIndex) {

  /** 0 for a closed position (size 0), so closing restores the empty subtree. */
  public Fr hash() {
    if (size == 0) {
      return Fr.ZERO;
    }
    return Poseidon2.INSTANCE.hash(
        DomainTag.POSITION, Fr.ofLong(size), Fr.ofLong(cost), Fr.ofLong(fundingIndex));
  }
}
