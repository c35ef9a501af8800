package dev.sable.batch.verify;

import dev.sable.batch.MarketElement;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A used market row of a batch's public data, decoded (docs/settlement.md "Public data and its
 * binding"): {@code market + 2^8 ticked + 2^9 markValid + 2^10 option + 2^16 (rate + 2^63) + 2^80
 * mark + 2^144 (fundingIndex + 2^63) + 2^208 volPpm + 2^232 rangePpm}; an option row's mark and
 * volatility are the ones the batch committed, a portfolio ({@code -pm}) batch's perpetual row's
 * range the one its risk row committed (0 elsewhere).
 *
 * @param row the row's place among the batch's market rows (0-based)
 */
public record PublishedMarket(
    int row,
    long market,
    boolean ticked,
    boolean markValid,
    boolean option,
    long rate,
    long mark,
    long fundingIndex,
    long volPpm,
    long rangePpm) {

  private static final BigInteger UNUSED_FLAGS = BigInteger.valueOf(0xf800); // bits 11 to 15

  /**
   * The used rows of a batch's market elements, in order (an element 0 is an unused row).
   *
   * @throws IllegalArgumentException naming the first element that is not a market row
   */
  public static List<PublishedMarket> decodeAll(List<BigInteger> elements) {
    List<PublishedMarket> rows = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      BigInteger e = elements.get(i);
      if (e.signum() != 0) {
        rows.add(decode(i, e));
      }
    }
    return rows;
  }

  /**
   * Decodes one used row.
   *
   * @throws IllegalArgumentException for 0, a negative or wider element, or a flag bit no row sets
   */
  public static PublishedMarket decode(int row, BigInteger e) {
    if (e.signum() <= 0
        || e.bitLength() > MarketElement.WIDTH
        || e.and(UNUSED_FLAGS).signum() != 0) {
      throw new IllegalArgumentException("market row " + row + " is not a market element: " + e);
    }
    return new PublishedMarket(
        row,
        e.intValue() & 0xff,
        e.testBit(8),
        e.testBit(9),
        e.testBit(10),
        e.shiftRight(16).longValue() ^ Long.MIN_VALUE,
        e.shiftRight(80).longValue(),
        e.shiftRight(144).longValue() ^ Long.MIN_VALUE,
        e.shiftRight(MarketElement.OPTION_VOL).longValue() & ((1L << MarketElement.VOL_BITS) - 1),
        e.shiftRight(MarketElement.RANGE).longValue());
  }

  /** Where the row is, as a finding names it. */
  String where() {
    return "market row " + row + " (market " + market + ")";
  }
}
