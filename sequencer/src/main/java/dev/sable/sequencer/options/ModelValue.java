package dev.sable.sequencer.options;

/**
 * A non-negative model value in collateral units, held to 2^-62: {@code units + fraction / 2^62}
 * (the model itself is accurate to about 2e-17 of the notional, docs/options.md). The pricing
 * model's only output; every figure that leaves it is an integer rounded by a named rule below.
 *
 * @param units the integer part
 * @param fraction the fractional part in Q62, in [0, 2^62)
 */
public record ModelValue(long units, long fraction) {
  public ModelValue {
    if (units < 0 || fraction < 0 || fraction >= FixedMath.P_ONE) {
      throw new IllegalArgumentException(
          "not a non-negative Q62 value: " + units + ", " + fraction);
    }
  }

  /** The value rounded up to an integer. */
  public long ceil() {
    return fraction == 0 ? units : Math.addExact(units, 1);
  }

  /**
   * The value rounded to the nearest multiple of {@code tick}, halves up (away from zero: values
   * are never negative). Used for marks: both sides of a position see the same mark, so no
   * direction favours the exchange there.
   */
  public long roundToTick(long tick) {
    if (tick <= 0) {
      throw new IllegalArgumentException("tick must be positive: " + tick);
    }
    long below = units - units % tick;
    long rest = units - below; // value mod tick = rest + fraction / 2^62, rest in [0, tick)
    long toNext = tick - rest;
    // up iff 2 * (rest + fraction / 2^62) >= tick, without forming 2 * rest
    boolean up = rest >= toNext || (rest == toNext - 1 && fraction >= FixedMath.P_HALF);
    return up ? Math.addExact(below, tick) : below;
  }
}
