package dev.sable.batch;

/**
 * Where a market row's public element (docs/settlement.md, "Public data and its binding": market +
 * 2^8 ticked + 2^9 markValid + 2^10 option + 2^16 (rate + 2^63) + 2^80 mark + 2^144 (fundingIndex +
 * 2^63) + 2^208 volPpm) holds what only an option row has: written by the batch's public data, read
 * back by an exit ({@code exit.MarketRowValue}).
 */
public final class MarketElement {
  private MarketElement() {}

  /** Set in an option row's element (0 for a perpetual, whose element did not change). */
  public static final int OPTION_BIT = 10;

  /** Where an option row's element holds its committed volatility (a perpetual's has 0). */
  public static final int OPTION_VOL = 208;

  /** A committed volatility is below 2^VOL_BITS (the sequencer's are at most 10^7 ppm). */
  public static final int VOL_BITS = 24;

  /** The widest element, an option row's: 232 bits. */
  public static final int WIDTH = OPTION_VOL + VOL_BITS;
}
