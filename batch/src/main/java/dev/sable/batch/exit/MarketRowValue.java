package dev.sable.batch.exit;

import dev.sable.crypto.Fr;
import java.math.BigInteger;

/**
 * A market row as the bridge stores it (docs/state.md section 12, "Public data": market + 2^8
 * ticked + 2^9 markValid + 2^16 (rate + 2^63) + 2^80 mark + 2^144 (fundingIndex + 2^63)): the parts
 * an exit values a position at.
 */
public record MarketRowValue(long market, long mark, long fundingIndex) {

  /** Decodes a stored row; refuses 0 (no row) and anything wider than the row's 208 bits. */
  public static MarketRowValue decode(Fr row) {
    BigInteger v = row.toBigInteger();
    if (v.signum() == 0 || v.bitLength() > 208) {
      throw new IllegalArgumentException("not a market row: " + row);
    }
    return new MarketRowValue(
        v.intValue() & 0xff,
        v.shiftRight(80).longValue(),
        v.shiftRight(144).longValue() ^ Long.MIN_VALUE);
  }
}
