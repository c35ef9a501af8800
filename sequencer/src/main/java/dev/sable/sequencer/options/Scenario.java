package dev.sable.sequencer.options;

import dev.sable.sequencer.math.Fixed;

/**
 * One market move of the risk grid: the underlying moves by {@code moveNumerator / moveDenominator}
 * of the price range, the volatility moves up or down by the grid's shift, and the loss counts for
 * {@code weightPpm} of itself.
 *
 * @param moveNumerator signed multiple of the range, over the denominator
 * @param moveDenominator positive
 * @param vol the volatility move
 * @param weightPpm the share of this scenario's loss that counts, in (0, 1e6]
 */
public record Scenario(long moveNumerator, long moveDenominator, VolMove vol, long weightPpm) {

  /** The volatility in a scenario: shifted up, or down, by the grid's term-scaled shift. */
  public enum VolMove {
    UP,
    DOWN
  }

  /** The largest move: twice the price range (so at most 100% with the range at most 50%). */
  static final long MAX_MOVE_RANGES = 2;

  public boolean isValid() {
    return moveDenominator > 0
        && moveDenominator <= 1_000
        && Math.abs(moveNumerator) <= MAX_MOVE_RANGES * moveDenominator
        && vol != null
        && weightPpm > 0
        && weightPpm <= Fixed.PPM;
  }

  /**
   * The underlying's price in this scenario: {@code forward} moved by {@code forward * rangePpm *
   * moveNumerator / (moveDenominator * 1e6)}, the move's size rounded toward zero (the same
   * rounding up and down), and never below 1.
   */
  public long price(long forward, long rangePpm) {
    long move =
        Fixed.mulDivFloor(forward, rangePpm * Math.abs(moveNumerator), moveDenominator * Fixed.PPM);
    long moved = moveNumerator >= 0 ? Math.addExact(forward, move) : forward - move;
    return Math.max(1, moved);
  }
}
