package dev.sable.sequencer.state;

import dev.sable.sequencer.crypto.DomainTag;
import dev.sable.sequencer.crypto.Fr;
import dev.sable.sequencer.crypto.Poseidon2;

/**
 * One position in an account's positions tree, at index = market id. Signed integers are encoded as
 * x mod r.
 *
 * @param sizeLots signed size: positive long, negative short
 * @param entryCost signed collateral units: sum of price * size * tickValue over the opening fills
 * @param fundingIndex the market's cumulative funding index when funding was last settled
 */
public record PositionLeaf(long sizeLots, long entryCost, long fundingIndex) {
  /** 0 for a closed position (size 0), so closing restores the empty subtree. */
  public Fr hash() {
    if (sizeLots == 0) {
      return Fr.ZERO;
    }
    return Poseidon2.INSTANCE.hash(
        DomainTag.POSITION, Fr.ofLong(sizeLots), Fr.ofLong(entryCost), Fr.ofLong(fundingIndex));
  }
}
