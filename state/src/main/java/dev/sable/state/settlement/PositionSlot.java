package dev.sable.state.settlement;

import dev.sable.crypto.Fr;
import dev.sable.crypto.PackedWord;
import dev.sable.crypto.PackedWord.Lane;

/**
 * One of an account's position slots: the sequencer's per-market size, cost and funding index
 * (docs/sequencer.md, "Positions and realized PnL"). Size 0 is an empty slot, all zeros.
 *
 * @param market the market id, below 256
 * @param size signed quantity units: positive long, negative short
 * @param cost signed sum of price * signed quantity of the open position
 * @param fundingIndex the market's funding index when this position's funding was last settled
 */
public record PositionSlot(long market, long size, long cost, long fundingIndex) {
  public static final PositionSlot EMPTY = new PositionSlot(0, 0, 0, 0);

  public PositionSlot {
    if (market < 0 || market >= SettlementLayout.MARKETS) {
      throw new IllegalArgumentException("market id " + market + " out of range");
    }
    if (size == 0 && (market != 0 || cost != 0 || fundingIndex != 0)) {
      throw new IllegalArgumentException("an empty position slot is all zeros");
    }
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * 0 for an empty slot, else 2^200 + market + 2^8 (size + 2^63) + 2^72 (cost + 2^63) + 2^136
   * (fundingIndex + 2^63).
   */
  public Fr encode() {
    if (isEmpty()) {
      return Fr.ZERO;
    }
    return PackedWord.pack(
        Lane.unsigned(1, 200),
        Lane.unsigned(market, 0),
        Lane.signed(size, 8),
        Lane.signed(cost, 72),
        Lane.signed(fundingIndex, 136));
  }
}
