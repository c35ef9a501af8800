package dev.sable.batch;

import java.math.BigInteger;

/**
 * The settlement arithmetic, exact on integers, with the sequencer's rounding (docs/sequencer.md,
 * "Positions and realized PnL", "Margin (cross)"; Go ledger/rules.go). Results are BigIntegers so
 * that a value outside a long is a broken range rule, not a wrapped number.
 */
public final class SettlementMath {
  public static final BigInteger PPM = BigInteger.valueOf(1_000_000);

  private SettlementMath() {}

  /** ceil(num / den) for den > 0, toward +infinity also for a negative num. */
  public static BigInteger ceilDiv(BigInteger num, BigInteger den) {
    BigInteger[] qr = num.divideAndRemainder(den); // truncates toward zero
    return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
  }

  /** The effect of one fill on a position. */
  public record FillEffect(BigInteger size, BigInteger cost, BigInteger realized, boolean pure) {}

  /**
   * Fills q (> 0) at price on side buy into a position (size, cost): opposite to a non-zero
   * position it first reduces it by k = min(q, |size|), removing ceil(cost * k / |size|) of the
   * cost and realizing sign(size) * k * price - removed; the rest opens or adds. Pure: opposite and
   * q <= |size|, the only fills that add no risk.
   */
  public static FillEffect applyFill(long size, long cost, boolean buy, long q, long price) {
    BigInteger bs = BigInteger.valueOf(size);
    BigInteger bc = BigInteger.valueOf(cost);
    BigInteger bq = BigInteger.valueOf(q);
    BigInteger bp = BigInteger.valueOf(price);
    BigInteger qs = buy ? bq : bq.negate();
    BigInteger abs = bs.abs();
    boolean reducing = size != 0 && (size > 0) != buy;
    BigInteger k = reducing ? bq.min(abs) : BigInteger.ZERO;
    BigInteger removed = size == 0 ? BigInteger.ZERO : ceilDiv(bc.multiply(k), abs);
    BigInteger sk = size < 0 ? k.negate() : k;
    BigInteger realized = sk.multiply(bp).subtract(removed);
    BigInteger newSize = bs.add(qs);
    BigInteger newCost = bc.subtract(removed).add(qs.add(sk).multiply(bp));
    return new FillEffect(newSize, newCost, realized, reducing && abs.compareTo(bq) >= 0);
  }

  /** ceil(size * (index - positionIndex) / 10^6): what a position pays (negative: receives). */
  public static BigInteger fundingOwed(long size, long index, long positionIndex) {
    BigInteger d = BigInteger.valueOf(index).subtract(BigInteger.valueOf(positionIndex));
    return ceilDiv(d.multiply(BigInteger.valueOf(size)), PPM);
  }

  /** ceil(|size| * mark * ratePpm / 10^6): a market's margin requirement. */
  public static BigInteger requirement(long size, long mark, long ratePpm) {
    return ceilDiv(
        BigInteger.valueOf(size)
            .abs()
            .multiply(BigInteger.valueOf(mark))
            .multiply(BigInteger.valueOf(ratePpm)),
        PPM);
  }

  /**
   * ceil(quantity * price * ratePpm / 10^6) for a signed rate: the most a fill may charge (for a
   * negative rate, the rebate it must pay at least).
   */
  public static BigInteger maxFee(long quantity, long price, long ratePpm) {
    return ceilDiv(
        BigInteger.valueOf(quantity)
            .multiply(BigInteger.valueOf(price))
            .multiply(BigInteger.valueOf(ratePpm)),
        PPM);
  }
}
