package dev.sable.sequencer.market;

import dev.sable.sequencer.book.OrderBook;
import java.util.Arrays;

/** A listed market: its parameters, status, order book, oracle records, mark and funding index. */
public final class Market {
  public final int id;
  public final MarketSpec spec;
  public final OrderBook book;
  public MarketStatus status = MarketStatus.ACTIVE;

  /** Last computed mark; valid only while {@link #markValid}. Used for valuation either way. */
  public long mark;

  public boolean markValid;

  /** Cumulative funding per quantity unit, in millionths of a collateral unit. */
  public long fundingIndex;

  public long lastFundingTime = Long.MIN_VALUE;

  private final long[] sourcePrice;
  private final long[] sourceTime;
  private final long[] scratch;

  public Market(int id, MarketSpec spec, OrderBook book) {
    this.id = id;
    this.spec = spec;
    this.book = book;
    this.sourcePrice = new long[spec.oracleSources()];
    this.sourceTime = new long[spec.oracleSources()];
    this.scratch = new long[spec.oracleSources()];
    Arrays.fill(sourceTime, Long.MIN_VALUE);
  }

  public long sourceTime(int source) {
    return sourceTime[source];
  }

  public void recordOracle(int source, long price, long publishTime) {
    sourcePrice[source] = price;
    sourceTime[source] = publishTime;
  }

  /**
   * Recomputes the mark as the lower median of the fresh sources (published within the staleness
   * bound of {@code now}). With no fresh source the mark keeps its value but becomes invalid.
   *
   * @return whether the mark or its validity changed
   */
  public boolean recomputeMark(long now) {
    int n = 0;
    for (int s = 0; s < sourcePrice.length; s++) {
      // Written as a comparison against now - staleness (now >= 0): no overflow for old records.
      if (sourceTime[s] != Long.MIN_VALUE && sourceTime[s] >= now - spec.oracleStaleness()) {
        scratch[n++] = sourcePrice[s];
      }
    }
    long newMark = mark;
    boolean valid = n > 0;
    if (valid) {
      Arrays.sort(scratch, 0, n);
      newMark = scratch[(n - 1) / 2];
    }
    boolean changed = newMark != mark || valid != markValid;
    mark = newMark;
    markValid = valid;
    return changed;
  }
}
