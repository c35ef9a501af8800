package dev.sable.batch.exit;

import dev.sable.batch.MarketElement;
import dev.sable.crypto.Fr;
import java.math.BigInteger;

/**
 * A market row as the bridge stores it ({@link MarketElement}: market + 2^8 ticked + 2^9 markValid
 * + 2^10 option + 2^16 (rate + 2^63) + 2^80 mark + 2^144 (fundingIndex + 2^63) + 2^208 volPpm): the
 * parts an exit values a position at. An option row's mark is its committed mark, or, once the
 * option settled, its payoff per unit at the stored settlement price (docs/settlement.md, "Option
 * expiry"), so a position in either kind of row is worth size x mark.
 */
public record MarketRowValue(long market, long mark, long fundingIndex) {

  /**
   * Decodes a stored row one way only, as the exit circuit does: refuses 0 (no row), anything wider
   * than an option row's 232 bits, and a volatility lane in a row without the option bit.
   */
  public static MarketRowValue decode(Fr row) {
    BigInteger v = row.toBigInteger();
    if (v.signum() == 0 || v.bitLength() > MarketElement.WIDTH) {
      throw new IllegalArgumentException("not a market row: " + row);
    }
    if (!v.testBit(MarketElement.OPTION_BIT) && v.bitLength() > MarketElement.OPTION_VOL) {
      throw new IllegalArgumentException(
          "not a market row: a volatility without the option bit " + row);
    }
    return new MarketRowValue(
        v.intValue() & 0xff,
        v.shiftRight(80).longValue(),
        v.shiftRight(144).longValue() ^ Long.MIN_VALUE);
  }
}
