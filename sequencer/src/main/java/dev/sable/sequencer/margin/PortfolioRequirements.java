package dev.sable.sequencer.margin;

import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.math.Fixed;
import dev.sable.sequencer.options.OptionSpec;
import dev.sable.sequencer.options.PortfolioMargin;
import dev.sable.sequencer.options.RiskArrayCalculator;
import dev.sable.sequencer.options.RiskArraySet;
import dev.sable.sequencer.options.RiskInstrument;
import dev.sable.sequencer.options.ScenarioGrid;
import dev.sable.sequencer.options.TimeBasis;
import dev.sable.sequencer.options.UnderlyingRisk;
import dev.sable.sequencer.options.VolatilityRiskRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The portfolio-margin requirements of an account in portfolio mode (docs/options.md "Portfolio
 * margin mode"): the grid V1 risk arrays of its active markets at the current marks, volatilities
 * and log time, each underlying's scenario range being its perpetual's maintenance margin rate (at
 * most 50%) scaled by its realized volatility ({@link VolatilityRiskRule#V1}). Open orders add, per
 * market, the standalone requirement of the worse of its resting buys or sells (subadditivity makes
 * that an upper bound of any fill of them). A requirement beyond a long is {@link Long#MAX_VALUE}:
 * every check that compares it with equity decides as with the exact figure, and none throws
 * (docs/options.md "Bounds").
 */
final class PortfolioRequirements {
  private static final ScenarioGrid GRID = ScenarioGrid.V1;
  private final ExchangeState state;
  // the log's time unit, as option marks use it (OptionMarks.TIME)
  // rows kept until an input changes: a check between price, volatility and time records
  // prices no option (docs/options.md "Portfolio margin mode")
  private final RiskArrayCalculator calculator =
      new RiskArrayCalculator(GRID, TimeBasis.MILLISECONDS).caching();

  // Each perpetual's scenario range with the variance and listed rate it was computed from: the
  // range (a square root and divisions) changes only when a realized-volatility sample changes the
  // variance (the rate is compared too, so a market restored under the same id is never stale).
  private final long[] rangeVariance = new long[ExchangeState.MAX_MARKETS];
  private final long[] rangeRate = new long[ExchangeState.MAX_MARKETS];
  private final long[] range = new long[ExchangeState.MAX_MARKETS];

  public PortfolioRequirements(ExchangeState state) {
    this.state = state;
    Arrays.fill(rangeVariance, -1); // a variance is never negative: nothing kept yet
  }

  /** Maintenance requirement of the positions. */
  public long maintenance(Account a) {
    return compute(a, -1, 0, 0, 0, false, false);
  }

  /** Initial requirement of the positions. */
  public long positionInitial(Account a) {
    return compute(a, -1, 0, 0, 0, false, true);
  }

  /** Initial requirement of the positions and open orders. */
  public long initialWithOrders(Account a) {
    return compute(a, -1, 0, 0, 0, true, true);
  }

  /** Initial requirement with market {@code market}'s open quantities replaced. */
  public long initialWithOrders(Account a, int market, long openBuy, long openSell) {
    return compute(a, market, a.size(market), openBuy, openSell, true, true);
  }

  /** Initial requirement of the positions with market {@code market}'s position replaced. */
  public long positionInitialAfter(Account a, int market, long size) {
    return compute(a, market, size, 0, 0, false, true);
  }

  private long compute(
      Account a,
      int changed,
      long changedSize,
      long changedBuy,
      long changedSell,
      boolean orders,
      boolean initial) {
    List<Integer> markets = new ArrayList<>();
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      markets.add(Long.numberOfTrailingZeros(bits));
    }
    if (changed >= 0 && !markets.contains(changed)) {
      markets.add(changed);
    }
    if (markets.isEmpty()) {
      return 0;
    }
    PortfolioMargin margin = margin(markets);
    if (margin == null) {
      return Long.MAX_VALUE;
    }
    int n = markets.size();
    int[] ids = new int[n];
    long[] sizes = new long[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      int m = markets.get(i);
      ids[i] = m;
      sizes[i] = m == changed ? changedSize : a.size(m);
      if (orders) {
        long buy = m == changed ? changedBuy : a.openBuy(m);
        long sell = m == changed ? changedSell : a.openSell(m);
        total =
            Fixed.addSaturated(
                total, Math.max(one(margin, m, buy, initial), one(margin, m, -sell, initial)));
      }
    }
    var requirement = margin.requirement(ids, sizes, n);
    return Fixed.addSaturated(total, initial ? requirement.initial() : requirement.maintenance());
  }

  private static long one(PortfolioMargin margin, int market, long size, boolean initial) {
    var r = margin.requirement(new int[] {market}, new long[] {size}, 1);
    return initial ? r.initial() : r.maintenance();
  }

  /**
   * The risk arrays of the markets' underlyings and options, at the current inputs, or null when a
   * scenario leaves a long (docs/options.md "Bounds").
   */
  private PortfolioMargin margin(List<Integer> markets) {
    try {
      return new PortfolioMargin(arrays(markets), GRID);
    } catch (ArithmeticException outOfRange) {
      // A scenario price beyond a long: only a perpetual marked at 2^62 with a 50% range (the
      // option listing rule keeps every forward notional within 2^62). An unbounded loss.
      return null;
    }
  }

  /**
   * The grid V1 risk arrays of the markets' underlyings and options at the current marks,
   * volatilities and log time: the rows this class prices accounts with, and the ones a portfolio
   * batch commits to.
   *
   * @throws ArithmeticException when a scenario price leaves a long
   * @throws IllegalArgumentException when an underlying has no valid input (no mark yet)
   */
  RiskArraySet arrays(List<Integer> markets) {
    TreeMap<Integer, UnderlyingRisk> underlyings = new TreeMap<>();
    List<RiskInstrument.Option> options = new ArrayList<>();
    for (int id : markets) {
      Market m = state.market(id);
      int u = m.isOption() ? m.option().underlyingMarket() : id;
      underlyings.computeIfAbsent(u, this::underlying);
      if (m.isOption()) {
        options.add(
            new RiskInstrument.Option(id, OptionSpec.of(m.spec(), m.option()), m.volatility()));
      }
    }
    return calculator.compute(state.now(), new ArrayList<>(underlyings.values()), options);
  }

  private UnderlyingRisk underlying(int market) {
    Market u = state.market(market);
    long variance = u.realizedVariance();
    long rate = u.spec().maintenanceMarginPpm();
    if (rangeVariance[market] != variance || rangeRate[market] != rate) {
      var realized = VolatilityRiskRule.estimate(u.realizedTime(), u.realizedPrice(), variance);
      range[market] = VolatilityRiskRule.V1.range(rate, realized);
      rangeVariance[market] = variance;
      rangeRate[market] = rate;
    }
    return new UnderlyingRisk(market, u.mark(), range[market]);
  }
}
