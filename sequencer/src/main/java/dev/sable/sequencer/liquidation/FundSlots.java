package dev.sable.sequencer.liquidation;

import dev.sable.sequencer.core.Account;

/**
 * The insurance fund's position slots in the batch a sweep ends (docs/settlement.md, requirement
 * 9). A settlement account leaf has {@link Account#MAX_ACTIVE_MARKETS} position slots, assigned per
 * batch: the fund has a slot for a market when it held a position there at the start of the sweep
 * or traded it earlier in the sweep, or when fewer than 8 markets are counted so far (a market it
 * closed in the sweep keeps its slot until the batch ends). A sweep that changes anything ends its
 * batch (the batcher seals right after it), and the fund's positions change only in sweeps, so
 * "held at the sweep's start" is "held at the batch's start" (at the first batch's start for a
 * sweep the batcher spreads over several: docs/settlement.md, "Liquidation sweeps, and what is
 * still refused", names the corner this leaves).
 */
final class FundSlots {
  private long counted;

  FundSlots(long heldAtStart) {
    this.counted = heldAtStart;
  }

  /** Whether the fund has a slot for the market (bit mask {@code 1L << market}). */
  boolean hasSlot(int market) {
    return (counted & 1L << market) != 0 || Long.bitCount(counted) < Account.MAX_ACTIVE_MARKETS;
  }

  /**
   * Whether taking over {@code markets} could need more slots than are left although each market
   * alone finds one: the circuit checks the slots market by market, so it could prove neither the
   * takeover (a ninth slot) nor auto-deleveraging (each market "has" a slot). Such a liquidation
   * waits for a batch in which the fund holds fewer markets.
   */
  boolean mightRunOut(long markets) {
    return Long.bitCount(counted) < Account.MAX_ACTIVE_MARKETS
        && Long.bitCount(counted | markets) > Account.MAX_ACTIVE_MARKETS;
  }

  /** The fund took a position in, or traded, the market. */
  void use(int market) {
    counted |= 1L << market;
  }
}
