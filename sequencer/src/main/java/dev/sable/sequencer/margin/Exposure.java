package dev.sable.sequencer.margin;

import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.math.Fixed;

/**
 * The bound that keeps collateral within a long (docs/sequencer.md "Bounds", "Exposure"). An
 * account's exposure is {@code |collateral| + sum over its markets of (|size| * maxPrice +
 * takerFee(|size| * maxPrice) + |cost| + |funding owed|)}: closing {@code k} of a position at any
 * price up to maxPrice realizes at most {@code k * maxPrice + |removed cost|} and pays at most the
 * taker fee on {@code k * maxPrice} (a maker fee is at most a taker fee; rounding can add a unit
 * per fill), and settling funding moves the owed amount, so a forced close (liquidation,
 * auto-deleveraging, takeover, settlement) never raises the exposure and the collateral after it
 * stays within it. Voluntary changes that raise it (a risk-increasing order or fill, a deposit)
 * must keep it at most {@link #LIMIT}; the headroom above, another 2^62, is what the system-side
 * drifts left in "Bounds" (funding accrued on a held position, the fund's takeovers) spend before
 * an exact sum could throw.
 */
public final class Exposure {
  /** 2^62: the exposure a voluntary change may reach. */
  public static final long LIMIT = 1L << 62;

  private Exposure() {}

  /** The account's exposure, saturating at 2^63 - 1. */
  public static long of(Account a, ExchangeState state) {
    long exposure = ofCollateral(a.collateral());
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      Market m = state.market(Long.numberOfTrailingZeros(bits));
      long size = a.size(m.id());
      if (size != 0) {
        exposure = Fixed.addSaturated(exposure, sizeTerm(m, Math.abs(size)));
        exposure = Fixed.addSaturated(exposure, Math.abs(a.cost(m.id())));
        exposure = Fixed.addSaturated(exposure, Math.abs(a.fundingOwed(m)));
      }
    }
    return exposure;
  }

  /** The collateral's term, {@code |collateral|} saturating. */
  static long ofCollateral(long collateral) {
    return collateral == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(collateral);
  }

  /**
   * {@code bound} plus an upper bound of one market's terms for a position of {@code absSize > 0}
   * with this cost and funding owed: {@code 2 * absSize * maxPrice} for the size term (the taker
   * fee on a notional is at most the notional, takerFeePpm <= 1e6), saturating. The margin checks
   * sum it in their own pass over the markets, without the fee's multiply-divide.
   */
  static long boundWithPosition(long bound, Market m, long absSize, long cost, long owed) {
    long notional = Math.multiplyExact(absSize, m.spec().maxPrice());
    long b = Fixed.addSaturated(Fixed.addSaturated(bound, notional), notional);
    b = Fixed.addSaturated(b, Math.abs(cost));
    return Fixed.addSaturated(b, Math.abs(owed));
  }

  /**
   * {@link #allows} for {@link #ofOpening}{@code (m, quantity, price, fee)}, given {@code bound},
   * an upper bound of the account's exposure: when the bound (and the opening's, its size term's
   * fee bounded as in {@link #boundWithPosition}) stays within the limit, so does the exposure;
   * otherwise the exact sum decides.
   */
  static boolean allowsOpening(
      Account a, ExchangeState state, long bound, Market m, long quantity, long price, long fee) {
    long notional = Math.multiplyExact(quantity, m.spec().maxPrice());
    long opening = Fixed.addSaturated(Fixed.addSaturated(notional, notional), fee);
    opening = Fixed.addSaturated(opening, Math.multiplyExact(quantity, price));
    return Fixed.addSaturated(bound, opening) <= LIMIT
        || allows(a, state, ofOpening(m, quantity, price, fee));
  }

  /** Whether raising the account's exposure by {@code added >= 0} keeps it within the limit. */
  public static boolean allows(Account a, ExchangeState state, long added) {
    return Fixed.addSaturated(of(a, state), added) <= LIMIT;
  }

  /**
   * What opening {@code quantity} at {@code price} plus a fee can add at most: the size term {@code
   * quantity * maxPrice}, the cost {@code quantity * price} and the fee (a closing part adds
   * nothing: what it realizes leaves the size and cost terms). Saturating.
   */
  public static long ofOpening(Market m, long quantity, long price, long fee) {
    long added = Fixed.addSaturated(sizeTerm(m, quantity), fee);
    return Fixed.addSaturated(added, Math.multiplyExact(quantity, price));
  }

  /**
   * {@code quantity * maxPrice} plus the taker fee on it: what closing that quantity can realize at
   * most, its fee included (a short bought back at maxPrice pays both). {@code quantity <=
   * maxPosition}, so the product is within MAX_NOTIONAL; cost and owed funding fit a long too.
   */
  private static long sizeTerm(Market m, long quantity) {
    long notional = Math.multiplyExact(quantity, m.spec().maxPrice());
    return Fixed.addSaturated(notional, m.spec().takerFee(notional));
  }
}
