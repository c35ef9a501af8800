package dev.sable.batch.exit;

import dev.sable.batch.MarketElement;
import dev.sable.crypto.Fr;
import java.math.BigInteger;

/**
 * A market row as the bridge stores it ({@link MarketElement}: market + 2^8 ticked + 2^9 markValid
 * + 2^10 option + 2^16 (rate + 2^63) + 2^80 mark + 2^144 (fundingIndex + 2^63) + 2^208 volPpm +
 * 2^232 rangePpm): the parts an exit values a position at. An option row's mark is its committed
 * mark, or, once the option settled, its payoff per unit at the stored settlement price
 * (docs/settlement.md, "Option expiry"), so a position in either kind of row is worth size x mark.
 */
public record MarketRowValue(long market, long mark, long fundingIndex) {
  private static final BigInteger VOL_MASK =
      BigInteger.ONE.shiftLeft(MarketElement.VOL_BITS).subtract(BigInteger.ONE);

  /**
   * Decodes a stored row one way only, as the exit circuit does: refuses 0 (no row), anything wider
   * than a perpetual row's 252 bits, a volatility lane in a row without the option bit, and a range
   * lane in a row with it.
   */
  public static MarketRowValue decode(Fr row) {
    BigInteger v = row.toBigInteger();
    if (v.signum() == 0 || v.bitLength() > MarketElement.WIDTH) {
      throw new IllegalArgumentException("not a market row: " + row);
    }
    boolean option = v.testBit(MarketElement.OPTION_BIT);
    if (!option && v.shiftRight(MarketElement.OPTION_VOL).and(VOL_MASK).signum() != 0) {
      throw new IllegalArgumentException(
          "not a market row: a volatility without the option bit " + row);
    }
    if (option && v.bitLength() > MarketElement.RANGE) {
      throw new IllegalArgumentException("not a market row: a range with the option bit " + row);
    }
    return new MarketRowValue(
        v.intValue() & 0xff,
        v.shiftRight(80).longValue(),
        v.shiftRight(144).longValue() ^ Long.MIN_VALUE);
  }
}
