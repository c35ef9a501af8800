package dev.sable.sequencer.options;

/**
 * The settlement price of an expiry: the time-weighted average of the underlying's mark over the
 * window {@code [expiry - window, expiry]} of log time, each mark weighted by how long it was in
 * force, rounded to the nearest unit (halves up). The mark is a step function of logged inputs
 * (oracle records and time ticks), so the average is exact and anyone can recompute it from the
 * public marks and their times.
 *
 * <p>The sum is kept exact in 128 bits (a mark up to 2^62 for up to 2^63 units of time).
 */
public final class SettlementTwap {
  private final long expiry;
  private final long window;
  private long lastTime;
  private long lastMark;
  private long sumHigh;
  private long sumLow;

  /** Starts the window at {@code windowStart} with the mark then in force. */
  public SettlementTwap(long windowStart, long expiry, long markAtStart) {
    if (windowStart >= expiry || markAtStart <= 0) {
      throw new IllegalArgumentException("a window needs start < expiry and a positive mark");
    }
    this.expiry = expiry;
    this.window = Math.subtractExact(expiry, windowStart);
    this.lastTime = windowStart;
    this.lastMark = markAtStart;
  }

  /** The mark changed to {@code mark} at log time {@code time} (>= the previous change). */
  public void observe(long time, long mark) {
    if (time < lastTime || mark <= 0) {
      throw new IllegalArgumentException("marks come in time order and are positive");
    }
    accrueUntil(time);
    lastMark = mark;
  }

  /** Whether log time has reached the expiry, so the price is final. */
  public boolean complete() {
    return lastTime >= expiry;
  }

  /** The settlement price, once time (passed to {@link #advanceTo}) has reached the expiry. */
  public long price() {
    if (!complete()) {
      throw new IllegalStateException("the settlement window has not closed");
    }
    long q = Wide.divideUnsigned(sumHigh, sumLow, window);
    long rest = sumLow - q * window; // exact: the remainder is below the window
    return rest >= window - rest ? q + 1 : q;
  }

  /** Log time moved to {@code time} with the mark unchanged. */
  public void advanceTo(long time) {
    if (time < lastTime) {
      throw new IllegalArgumentException("time went backwards");
    }
    accrueUntil(time);
  }

  private void accrueUntil(long time) {
    long end = Math.min(time, expiry);
    if (end > lastTime) {
      long span = end - lastTime;
      long high = Math.multiplyHigh(lastMark, span);
      long low = lastMark * span;
      long newLow = sumLow + low;
      sumHigh += high + (Long.compareUnsigned(newLow, sumLow) < 0 ? 1 : 0);
      sumLow = newLow;
    }
    lastTime = Math.max(lastTime, time);
  }
}
