package dev.sable.sequencer.core;

import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.market.OptionTerms;
import java.util.Arrays;

/**
 * A listed market: its parameters, status, order book, oracle records, mark and funding index.
 * Everyone may read it; only {@link MarketControl} and the {@link OrderRegistry} change it.
 *
 * <p>An option market ({@link #option()} not null) has the same book and positions, but its oracle
 * sources publish the option's volatility: their median is {@link #volatility()}, and its mark is
 * set from the pricing model by the option handlers (docs/options.md "Option markets in the
 * sequencer").
 */
public final class Market {
  private final int id;
  private final MarketSpec spec;
  private final OptionTerms option;
  final OrderBook book;
  MarketStatus status = MarketStatus.ACTIVE;

  /**
   * Last computed mark (see {@link #recomputeMark}); valid only while {@link #markValid}. Used for
   * valuation either way.
   */
  long mark;

  boolean markValid;

  /** An option market's volatility (ppm per year), the median of its sources; 0 for a perpetual. */
  long volatility;

  boolean volatilityValid;

  /** Cumulative funding per quantity unit, in millionths of a collateral unit. */
  long fundingIndex;

  long lastFundingTime = Long.MIN_VALUE;

  /**
   * A perpetual's realized volatility estimate: the time and mark of its last sample and the
   * variance (ppm^2 per year); a variance of 0 before the first sample (only underlyings of options
   * are sampled: docs/options.md "Volatility-driven parameters").
   */
  long realizedTime;

  long realizedPrice;
  long realizedVariance;

  private final long[] sourcePrice;
  private final long[] sourceTime;
  private final long[] scratch;

  Market(int id, MarketSpec spec, OptionTerms option, OrderBook book) {
    this.id = id;
    this.spec = spec;
    this.option = option;
    this.book = book;
    this.sourcePrice = new long[spec.oracleSources()];
    this.sourceTime = new long[spec.oracleSources()];
    this.scratch = new long[spec.oracleSources()];
    Arrays.fill(sourceTime, Long.MIN_VALUE);
  }

  public int id() {
    return id;
  }

  public MarketSpec spec() {
    return spec;
  }

  /** The option's terms, or null for a perpetual. */
  public OptionTerms option() {
    return option;
  }

  public boolean isOption() {
    return option != null;
  }

  /** An option market's source median volatility in ppm per year (0 for a perpetual). */
  public long volatility() {
    return volatility;
  }

  /** Whether {@link #volatility()} is the median of fresh sources. */
  public boolean volatilityValid() {
    return volatilityValid;
  }

  /** The book, read-only outside this package. */
  public OrderBook book() {
    return book;
  }

  public MarketStatus status() {
    return status;
  }

  /** Log time of the last realized volatility sample. */
  public long realizedTime() {
    return realizedTime;
  }

  /** The mark at the last realized volatility sample. */
  public long realizedPrice() {
    return realizedPrice;
  }

  /** The realized variance estimate (ppm^2 per year), 0 before the first sample. */
  public long realizedVariance() {
    return realizedVariance;
  }

  public long mark() {
    return mark;
  }

  public boolean markValid() {
    return markValid;
  }

  public long fundingIndex() {
    return fundingIndex;
  }

  /** Log time of the last funding tick, {@link Long#MIN_VALUE} before the first. */
  public long lastFundingTime() {
    return lastFundingTime;
  }

  /** Publish time of a source's last record, {@link Long#MIN_VALUE} before its first. */
  public long sourceTime(int source) {
    return sourceTime[source];
  }

  /** A source's last recorded price (0 before its first record). */
  long sourcePrice(int source) {
    return sourcePrice[source];
  }

  void recordOracle(int source, long price, long publishTime) {
    sourcePrice[source] = price;
    sourceTime[source] = publishTime;
  }

  /**
   * Recomputes the mark as the lower median (element (n-1)/2 of the sorted prices) of the fresh
   * sources (published within the staleness bound of {@code now}), valid; with no fresh source, the
   * lower median of every source's last price, invalid; with no record at all, 0, invalid. It is a
   * function of the records and the time only, as the settlement circuit recomputes it
   * (docs/settlement.md, "Time, marks and funding").
   *
   * <p>For an option market the median is its volatility, not its mark.
   *
   * @return whether the mark (the volatility of an option market) or its validity changed
   */
  boolean recomputeMark(long now) {
    int n = 0;
    for (int s = 0; s < sourcePrice.length; s++) {
      // Written as a comparison against now - staleness (now >= 0): no overflow for old records.
      if (sourceTime[s] != Long.MIN_VALUE && sourceTime[s] >= now - spec.oracleStaleness()) {
        scratch[n++] = sourcePrice[s];
      }
    }
    boolean valid = n > 0;
    if (!valid) {
      for (int s = 0; s < sourcePrice.length; s++) {
        if (sourceTime[s] != Long.MIN_VALUE) {
          scratch[n++] = sourcePrice[s];
        }
      }
    }
    long newMark = 0;
    if (n > 0) {
      Arrays.sort(scratch, 0, n);
      newMark = scratch[(n - 1) / 2];
    }
    if (option != null) {
      boolean changed = newMark != volatility || valid != volatilityValid;
      volatility = newMark;
      volatilityValid = valid;
      return changed;
    }
    boolean changed = newMark != mark || valid != markValid;
    mark = newMark;
    markValid = valid;
    return changed;
  }
}
