package dev.sable.batch;

/**
 * Where a market row's public element (docs/settlement.md, "Public data and its binding": market +
 * 2^8 ticked + 2^9 markValid + 2^10 option + 2^16 (rate + 2^63) + 2^80 mark + 2^144 (fundingIndex +
 * 2^63) + 2^208 volPpm + 2^232 rangePpm) holds what only an option row has, and what only a
 * portfolio batch's perpetual row has: written by the batch's public data, read back by an exit
 * ({@code exit.MarketRowValue}) and by a verifier ({@code verify.PublishedMarket}).
 */
public final class MarketElement {
  private MarketElement() {}

  /** Set in an option row's element (0 for a perpetual, whose element did not change). */
  public static final int OPTION_BIT = 10;

  /** Where an option row's element holds its committed volatility (a perpetual's has 0). */
  public static final int OPTION_VOL = 208;

  /** A committed volatility is below 2^VOL_BITS (the sequencer's are at most 10^7 ppm). */
  public static final int VOL_BITS = 24;

  /**
   * Where a portfolio ({@code -pm}) batch's element holds its risk row's scenario range (Go {@code
   * ledger.RangeShift}): a perpetual's, so that anyone recomputes the risk arrays; 0 on an option
   * row, whose range is its underlying's.
   */
  public static final int RANGE = OPTION_VOL + VOL_BITS;

  /** A committed range is below 2^RANGE_BITS (the circuit's check). */
  public static final int RANGE_BITS = 20;

  /** The widest element, a portfolio batch's perpetual row: 252 bits. */
  public static final int WIDTH = RANGE + RANGE_BITS;
}
