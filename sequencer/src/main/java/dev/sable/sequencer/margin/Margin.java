package dev.sable.sequencer.margin;

import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.math.Fixed;
import dev.sable.sequencer.options.RiskArraySet;
import java.math.BigInteger;
import java.util.List;

/**
 * Cross-margin arithmetic over an account's active markets (see docs/sequencer.md, "Margin"). All
 * values are exact integers; requirements round up, owed funding rounds up. An account in portfolio
 * mode takes its requirements from {@link PortfolioRequirements} instead (docs/options.md
 * "Portfolio margin mode"); equity is the same in both modes.
 */
public final class Margin {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private final ExchangeState state;
  private final PortfolioRequirements portfolio;

  // The fill check's scratch: the traded market's terms, the sums over the account's other
  // markets, and one market's terms.
  private final TermSums traded = new TermSums();
  private final TermSums others = new TermSums();
  private final TermSums term = new TermSums();

  public Margin(ExchangeState state) {
    this.state = state;
    this.portfolio = new PortfolioRequirements(state);
  }

  private Market market(long activeBits) {
    return state.market(Long.numberOfTrailingZeros(activeBits));
  }

  /** Unrealized PnL at mark minus unsettled funding, for one market. */
  public static long positionValue(Account a, Market m) {
    long size = a.size(m.id());
    if (size == 0) {
      return 0;
    }
    return value(size, m.mark(), a.cost(m.id()), a.fundingOwed(m));
  }

  /** A position's value, {@code size * mark - cost - owed}, exactly (throws beyond a long). */
  private static long value(long size, long mark, long cost, long owed) {
    return Math.subtractExact(Math.subtractExact(Math.multiplyExact(size, mark), cost), owed);
  }

  /**
   * Equity = collateral + sum of unrealized PnL at mark - funding owed, clamped to a long: the
   * exact sum of up to 64 market values can leave one (docs/sequencer.md "Bounds"). For reads and
   * events only; decisions compare the exact sum ({@link #covers}, {@link #below}, {@link #free},
   * {@link #deficit}).
   */
  public long equity(Account a) {
    try {
      return longEquity(a);
    } catch (ArithmeticException beyondALong) {
      return clamp(wideEquity(a));
    }
  }

  /** Equity if it fits a long; throws {@link ArithmeticException} otherwise. */
  private long longEquity(Account a) {
    long equity = a.collateral();
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      equity = Math.addExact(equity, positionValue(a, market(bits)));
    }
    return equity;
  }

  /** The exact equity, for the rare account whose equity leaves a long. */
  private BigInteger wideEquity(Account a) {
    BigInteger equity = BigInteger.valueOf(a.collateral());
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      equity = equity.add(BigInteger.valueOf(positionValue(a, market(bits))));
    }
    return equity;
  }

  private static long clamp(BigInteger v) {
    return v.max(LONG_MIN).min(LONG_MAX).longValue();
  }

  /**
   * Whether {@code equity + adjustment >= requirement}, on the exact equity. A requirement
   * saturated at {@link Long#MAX_VALUE} (its exact value is at least that) is never covered: exact
   * whenever the equity is below 2^63 - 1; with both beyond a long the check refuses (a fill,
   * order, withdrawal or switch is rejected), the side the settlement circuit can never object to
   * (docs/sequencer.md "Bounds").
   */
  public boolean covers(Account a, long adjustment, long requirement) {
    if (requirement == Long.MAX_VALUE) {
      return false;
    }
    try {
      return covers(a, longEquity(a), true, adjustment, requirement);
    } catch (ArithmeticException beyondALong) {
      return covers(a, 0, false, adjustment, requirement);
    }
  }

  /**
   * {@link #covers(Account, long, long)} given the account's equity when it fits a long ({@code
   * fits}; otherwise {@code equity} is ignored and the exact equity summed).
   */
  private boolean covers(Account a, long equity, boolean fits, long adjustment, long requirement) {
    if (requirement == Long.MAX_VALUE) {
      return false;
    }
    if (fits) {
      try {
        return Math.addExact(equity, adjustment) >= requirement;
      } catch (ArithmeticException beyondALong) {
        // summed exactly below
      }
    }
    return wideEquity(a)
            .add(BigInteger.valueOf(adjustment))
            .compareTo(BigInteger.valueOf(requirement))
        >= 0;
  }

  /**
   * Whether equity is below {@code requirement} (the liquidation test), on the exact equity. With a
   * saturated requirement and an equity of 2^63 - 1 or more the account is not liquidated: a
   * liquidation the circuit could refuse is never started (docs/sequencer.md "Bounds").
   */
  public boolean below(Account a, long requirement) {
    try {
      return longEquity(a) < requirement;
    } catch (ArithmeticException beyondALong) {
      return wideEquity(a).compareTo(BigInteger.valueOf(requirement)) < 0;
    }
  }

  /**
   * {@code max(0, equity - requirement)} on the exact equity, clamped to {@link Long#MAX_VALUE}
   * (above any collateral it is compared with); 0 for a saturated requirement.
   */
  public long free(Account a, long requirement) {
    if (requirement == Long.MAX_VALUE) {
      return 0;
    }
    try {
      long equity = longEquity(a);
      return equity > requirement ? equity - requirement : 0;
    } catch (ArithmeticException beyondALong) {
      return clamp(wideEquity(a).subtract(BigInteger.valueOf(requirement)).max(BigInteger.ZERO));
    }
  }

  /**
   * {@code max(0, -equity)} on the exact equity, clamped to {@link Long#MAX_VALUE}. The clamp moves
   * no payment or price: what the fund covers is at most its collateral, and a deficit of 2^63 - 1
   * or more on a position of at most {@code maxPosition <= 2^62 / maxPrice} already moves the ADL
   * price by more than {@code maxPrice}, to its cap (docs/sequencer.md "Bounds").
   */
  public long deficit(Account a) {
    try {
      long equity = longEquity(a);
      return equity < 0 ? -equity : 0;
    } catch (ArithmeticException beyondALong) {
      return clamp(wideEquity(a).negate().max(BigInteger.ZERO));
    }
  }

  /** Collateral after settling all funding (what a withdrawal can take at most). */
  public long settledCollateral(Account a) {
    long c = a.collateral();
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      c = Math.subtractExact(c, a.fundingOwed(market(bits)));
    }
    return c;
  }

  /** Worst-case absolute position if all buys, or all sells, of the open orders fill. */
  public static long worstPosition(long size, long openBuy, long openSell) {
    return Math.max(
        Math.absExact(Math.addExact(size, openBuy)),
        Math.absExact(Math.subtractExact(size, openSell)));
  }

  /**
   * The price a market's requirements are a fraction of: its mark for a perpetual; for an option,
   * the larger of its mark and the underlying notional of one unit, {@code underlying mark *
   * contractSize} (docs/options.md "Cross margin of options"). Listing bounds both by the option's
   * {@code maxPrice}.
   */
  private long marginPrice(Market m) {
    if (!m.isOption()) {
      return m.mark();
    }
    long underlying = state.market(m.option().underlyingMarket()).mark();
    return Math.max(m.mark(), Math.multiplyExact(underlying, m.option().contractSize()));
  }

  private long initial(Market m, long worst) {
    return Fixed.ppmCeil(Math.multiplyExact(worst, marginPrice(m)), m.spec().initialMarginPpm());
  }

  private long initialFor(Account a, Market m) {
    int i = m.id();
    return initial(m, worstPosition(a.size(i), a.openBuy(i), a.openSell(i)));
  }

  /** Initial margin requirement counting open orders' worst case, over all markets. */
  public long initialRequirement(Account a) {
    return a.portfolioMargin() ? portfolio.initialWithOrders(a) : crossInitialRequirement(a);
  }

  /** Maintenance requirement on positions only: sum of ceil(|size| * mark * mm / 1e6). */
  public long maintenanceRequirement(Account a) {
    if (a.portfolioMargin()) {
      return portfolio.maintenance(a);
    }
    long req = 0;
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      Market m = market(bits);
      long notional = Math.multiplyExact(Math.absExact(a.size(m.id())), marginPrice(m));
      req = Fixed.addSaturated(req, Fixed.ppmCeil(notional, m.spec().maintenanceMarginPpm()));
    }
    return req;
  }

  /** Cross-margin initial requirement counting open orders, whatever the account's mode. */
  public long crossInitialRequirement(Account a) {
    return crossInitialRequirement(a, -1, 0);
  }

  /** The cross initial requirement with market {@code changed}'s worst case replaced. */
  private long crossInitialRequirement(Account a, int changed, long changedWorst) {
    boolean inactive = changed >= 0 && (a.activeMarkets() & 1L << changed) == 0;
    long req = inactive ? initial(state.market(changed), changedWorst) : 0;
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      Market m = market(bits);
      long term = m.id() == changed ? initial(m, changedWorst) : initialFor(a, m);
      req = Fixed.addSaturated(req, term);
    }
    return req;
  }

  /**
   * The portfolio-margin risk arrays of the markets (their underlyings' rows included) at the
   * current marks, volatilities and time: what a portfolio account's requirement is computed from
   * now, for a settlement batch to commit to (docs/settlement.md, "Portfolio margin in the
   * circuit").
   *
   * @throws ArithmeticException when a scenario price leaves a long
   * @throws IllegalArgumentException when an underlying has no valid input (no mark yet)
   */
  public RiskArraySet riskArrays(List<Integer> markets) {
    return portfolio.arrays(markets);
  }

  /** Portfolio-margin initial requirement counting open orders, whatever the account's mode. */
  public long portfolioInitialRequirement(Account a) {
    return portfolio.initialWithOrders(a);
  }

  /** Initial requirement of positions only: sum of ceil(|size| * mark * im / 1e6). */
  public long positionRequirement(Account a) {
    if (a.portfolioMargin()) {
      return portfolio.positionInitial(a);
    }
    long req = 0;
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      Market m = market(bits);
      req = Fixed.addSaturated(req, initial(m, Math.absExact(a.size(m.id()))));
    }
    return req;
  }

  /**
   * Whether a fill of signed quantity {@code signed} on a position of {@code size} increases risk:
   * any fill except a pure reduction (opposite to a non-zero position and at most its size), the
   * settlement circuit's definition (docs/settlement.md, "Trades").
   */
  public static boolean increasesRisk(long size, long signed) {
    return size == 0 || (size > 0) == (signed > 0) || Math.abs(signed) > Math.abs(size);
  }

  /**
   * The fill-time check (docs/settlement.md, "What the sequencer and the batch builder must do",
   * item 1): a fill that increases the account's risk is allowed only with a valid mark and if the
   * account meets the margin rule after it, at the current marks and on positions only: equity
   * after the fill (it moves by {@code signed * (mark - price) - fee}, the taker's or the maker's
   * fee, funding settled or not) >= the initial requirement of the positions after it, and its
   * {@link Exposure} stays within the limit. A pure reduction is always allowed.
   *
   * <p>The sums over the account's other markets are kept in the account ({@link Account#keepSums})
   * and reused while they hold (see {@link #sumOthers}).
   *
   * @param fee the fill's fee for this account ({@code m.spec().takerFee} or {@code makerFee} of
   *     {@code |signed| * price}), which the matcher computes once per fill for the check and the
   *     trade
   */
  public boolean fillAllowed(Account a, Market m, long signed, long price, long fee) {
    long size = a.size(m.id());
    if (!increasesRisk(size, signed)) {
      return true;
    }
    if (!m.markValid()) {
      return false;
    }
    long quantity = Math.abs(signed);
    long gain = Math.multiplyExact(signed, m.mark() - price);
    if (a.portfolioMargin()) {
      if (!Exposure.allows(a, state, Exposure.ofOpening(m, quantity, price, Math.abs(fee)))) {
        return false;
      }
      long after = portfolio.positionInitialAfter(a, m.id(), Math.addExact(size, signed));
      return covers(a, gain - fee, after); // |gain| < 2^62 and 0 <= fee <= 2^62: no overflow
    }
    long initialBefore = terms(a, m, traded);
    sumOthers(a, m);
    // The traded market's terms added to the other markets' sums give a bound of the exposure and
    // equity minus the initial requirement of the positions, and this market's requirement before
    // the fill. Both bounds' terms are non-negative (saturating), and the excess is exact when it
    // fits, so the order of summing does not change the decision.
    long collateral = a.collateral();
    long exposureBound =
        Fixed.addSaturated(
            Fixed.addSaturated(Exposure.ofCollateral(collateral), others.exposure),
            traded.exposure);
    boolean fits = others.fits && traded.fits;
    long excess = collateral;
    if (fits) {
      try {
        excess = Math.addExact(Math.addExact(collateral, others.excess), traded.excess);
      } catch (ArithmeticException beyondALong) {
        fits = false; // summed exactly below
      }
    }
    if (!Exposure.allowsOpening(a, state, exposureBound, m, quantity, price, Math.abs(fee))) {
      return false;
    }
    long requirementChange =
        Math.subtractExact(initial(m, Math.absExact(Math.addExact(size, signed))), initialBefore);
    if (fits) {
      try {
        return Math.subtractExact(Math.addExact(excess, gain), fee) >= requirementChange;
      } catch (ArithmeticException beyondALong) {
        // summed exactly below
      }
    }
    BigInteger wide = wideEquity(a).add(BigInteger.valueOf(gain - fee));
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      Market held = market(bits);
      wide = wide.subtract(BigInteger.valueOf(initial(held, Math.absExact(a.size(held.id())))));
    }
    return wide.compareTo(BigInteger.valueOf(requirementChange)) >= 0;
  }

  /**
   * Sets {@code into} to the fill check's terms of the account's position in {@code held} (zero
   * when flat): its exposure bound, and its value minus initial requirement (each market's funding
   * owed and requirement computed once). Returns that initial requirement.
   */
  private long terms(Account a, Market held, TermSums into) {
    int id = held.id();
    long s = a.size(id);
    if (s == 0) {
      into.set(0, 0, true);
      return 0;
    }
    long abs = Math.absExact(s);
    long cost = a.cost(id);
    long owed = a.fundingOwed(held);
    long exposure = Exposure.boundWithPosition(0, held, abs, cost, owed);
    long initial = initial(held, abs);
    try {
      into.set(exposure, Math.subtractExact(value(s, held.mark(), cost, owed), initial), true);
    } catch (ArithmeticException beyondALong) {
      into.set(exposure, 0, false);
    }
    return initial;
  }

  /**
   * Sets {@link #others} to the account's sums over its markets other than {@code m}, given {@link
   * #traded} (m's terms). Only a fill's market's row and the collateral change in a fill, so the
   * sums the account kept hold until a mark or funding index moves ({@link
   * ExchangeState#marketEpoch}) or another market's row changes: kept for {@code m}, they are taken
   * as they are; kept for another market k, k's terms are added and m's taken away (exact: only
   * when nothing saturated or left a long). Otherwise one pass over the other markets. Sums that
   * fit are kept for {@code m}.
   */
  private void sumOthers(Account a, Market m) {
    long epoch = state.marketEpoch();
    int kept = a.sumsMarket(epoch);
    if (kept == m.id()) {
      others.set(a.sumsExposure(), a.sumsExcess(), true);
      return;
    }
    if (kept < 0 || !shiftKept(a, state.market(kept))) {
      others.set(0, 0, true);
      for (long bits = a.activeMarkets() & ~(1L << m.id()); bits != 0; bits &= bits - 1) {
        terms(a, market(bits), term);
        others.add(term);
      }
    }
    if (others.fits && others.exposure < Long.MAX_VALUE) {
      a.keepSums(m.id(), epoch, others.exposure, others.excess);
    }
  }

  /**
   * {@link #others} = the kept sums (over all markets but {@code kept}) + kept's terms - {@link
   * #traded}; whether that was exact. The kept sums include the traded market's terms as they are
   * now: its row and the marks have not changed since.
   */
  private boolean shiftKept(Account a, Market kept) {
    terms(a, kept, term);
    long exposure = Fixed.addSaturated(a.sumsExposure(), term.exposure);
    if (exposure == Long.MAX_VALUE || !term.fits || !traded.fits) {
      return false;
    }
    try {
      long excess = Math.subtractExact(Math.addExact(a.sumsExcess(), term.excess), traded.excess);
      others.set(exposure - traded.exposure, excess, true);
      return true;
    } catch (ArithmeticException beyondALong) {
      return false;
    }
  }

  /**
   * The risk check of a new or amended order. An order increases risk when it increases the
   * worst-case position of its market; an amend also when it moves to a worse limit (a buy higher,
   * a sell lower), since that raises what a fill can lose. Only then is it checked: the position
   * bound, a valid mark, and equity - worst fill loss against mark - worst fees >= initial
   * requirement with the order resting.
   *
   * @param replacedQuantity the quantity of the order being amended (0 for a new order)
   * @param worsePrice whether an amend moves the limit to a worse price
   * @return null if accepted, otherwise the reason
   */
  public RejectReason checkOrder(
      Account a,
      Market m,
      boolean buy,
      long price,
      long quantity,
      long replacedQuantity,
      boolean worsePrice) {
    int i = m.id();
    long size = a.size(i);
    long openBuy = a.openBuy(i);
    long openSell = a.openSell(i);
    long before = worstPosition(size, openBuy, openSell);
    long after =
        buy
            ? worstPosition(size, openBuy - replacedQuantity + quantity, openSell)
            : worstPosition(size, openBuy, openSell - replacedQuantity + quantity);
    if (after <= before && !worsePrice) {
      return null;
    }
    if (after > before && after > m.spec().maxPosition()) {
      return RejectReason.MAX_POSITION_EXCEEDED;
    }
    if (!m.markValid()) {
      return RejectReason.NO_MARK_PRICE;
    }
    long fees = fees(m, price, quantity);
    long lossPerUnit = buy ? price - m.mark() : m.mark() - price;
    if (a.portfolioMargin()) {
      if (!Exposure.allows(a, state, Exposure.ofOpening(m, quantity, price, fees))) {
        return RejectReason.COLLATERAL_LIMIT_EXCEEDED;
      }
      long requirement =
          buy
              ? portfolio.initialWithOrders(a, i, openBuy - replacedQuantity + quantity, openSell)
              : portfolio.initialWithOrders(a, i, openBuy, openSell - replacedQuantity + quantity);
      return covers(a, -loss(lossPerUnit, quantity), Fixed.addSaturated(requirement, fees))
          ? null
          : RejectReason.INSUFFICIENT_MARGIN;
    }
    // One pass over the active markets gives a bound of the exposure, the equity (each market's
    // funding owed computed once) and the cross initial requirement with this market's term for
    // the order. A requirement term beyond a long (never within the bounds) is summed again after
    // the exposure test, by the separate sum, so that it throws where it always did.
    long collateral = a.collateral();
    long exposureBound = Exposure.ofCollateral(collateral);
    long equity = collateral;
    boolean fits = true;
    long requirement = 0;
    boolean requirementFits = true;
    for (long bits = a.activeMarkets() | 1L << i; bits != 0; bits &= bits - 1) {
      Market held = market(bits);
      int id = held.id();
      long s = a.size(id);
      try {
        long term = id == i ? initial(m, after) : initialFor(a, held);
        requirement = Fixed.addSaturated(requirement, term);
      } catch (ArithmeticException beyondALong) {
        requirementFits = false;
      }
      if (s != 0) {
        long cost = a.cost(id);
        long owed = a.fundingOwed(held);
        exposureBound = Exposure.boundWithPosition(exposureBound, held, Math.abs(s), cost, owed);
        try {
          equity = Math.addExact(equity, value(s, held.mark(), cost, owed));
        } catch (ArithmeticException beyondALong) {
          fits = false; // covers sums it exactly
        }
      }
    }
    if (!Exposure.allowsOpening(a, state, exposureBound, m, quantity, price, fees)) {
      return RejectReason.COLLATERAL_LIMIT_EXCEEDED;
    }
    if (!requirementFits) {
      requirement = crossInitialRequirement(a, i, after);
    }
    long loss = loss(lossPerUnit, quantity);
    return covers(a, equity, fits, -loss, Fixed.addSaturated(requirement, fees))
        ? null
        : RejectReason.INSUFFICIENT_MARGIN;
  }

  /**
   * What an order's fills can lose against the mark at most. It joins the equity side while the
   * fees join the requirement (a saturated sum stays saturated): loss + fees may pass 2^63.
   */
  private static long loss(long lossPerUnit, long quantity) {
    return lossPerUnit > 0 ? Math.multiplyExact(lossPerUnit, quantity) : 0;
  }

  /** {@code quantity / lotSize}, without the division for the common lot of 1. */
  private static long lots(long quantity, long lotSize) {
    return lotSize == 1 ? quantity : quantity / lotSize;
  }

  /**
   * The most an order's fills can pay in taker fees: fees are rounded up per fill and a fill is at
   * least one lot, so at most one unit more per lot.
   */
  private static long fees(Market m, long price, long quantity) {
    long takerFee = m.spec().takerFeePpm();
    return takerFee == 0
        ? 0
        : Math.addExact(
            Fixed.ppmCeil(Math.multiplyExact(price, quantity), takerFee),
            lots(quantity, m.spec().lotSize()));
  }
}
