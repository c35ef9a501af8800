package dev.sable.sequencer.options;

import dev.sable.sequencer.math.Fixed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes a batch's risk arrays from public inputs only (the underlyings' marks and ranges, the
 * option specs and volatilities, the risk time), so anyone can recompute them: the sequencer does
 * it for its margin checks and {@code sable verify} does it to check a batch's committed arrays
 * ({@link #mismatches}).
 */
public final class RiskArrayCalculator {
  private final ScenarioGrid grid;
  private final TimeBasis basis;
  private final RiskRowMemo memo; // null: every row computed afresh

  public RiskArrayCalculator(ScenarioGrid grid, TimeBasis basis) {
    this(grid, basis, null);
  }

  private RiskArrayCalculator(ScenarioGrid grid, TimeBasis basis, RiskRowMemo memo) {
    this.grid = Objects.requireNonNull(grid);
    this.basis = Objects.requireNonNull(basis);
    this.memo = memo;
  }

  /**
   * A calculator whose {@link #compute} keeps each market's last row and recomputes it only when
   * one of its inputs changes (the underlying's mark or range; an option's spec, volatility or the
   * risk time), so repeated margin checks between input changes price nothing; its results equal
   * this calculator's. Not thread-safe.
   */
  public RiskArrayCalculator caching() {
    return new RiskArrayCalculator(grid, basis, new RiskRowMemo());
  }

  /**
   * The arrays at log time {@code time}: one row per underlying's perpetual and per option,
   * ascending by market id. Bad input (an invalid spec or volatility, an option whose underlying is
   * missing, a market id used twice) is refused with an {@link IllegalArgumentException} naming it
   * (the last two by {@link RiskArraySet}).
   */
  public RiskArraySet compute(
      long time, List<UnderlyingRisk> underlyings, List<RiskInstrument.Option> options) {
    List<UnderlyingRisk> sorted = new ArrayList<>(underlyings);
    sorted.sort(Comparator.comparingInt(UnderlyingRisk::market));
    Map<Integer, UnderlyingRisk> byMarket = new TreeMap<>();
    List<InstrumentRisk> rows = new ArrayList<>();
    for (UnderlyingRisk u : sorted) {
      byMarket.put(u.market(), u);
      // a perpetual's row does not depend on time: its memo key holds time 0
      RiskInstrument perp = new RiskInstrument.Perpetual(u.market());
      rows.add(memo == null ? perpetual(u) : memo.row(perp, u, 0, () -> perpetual(u)));
    }
    for (RiskInstrument.Option o : options) {
      UnderlyingRisk u = byMarket.get(o.underlying());
      if (u == null) {
        throw new IllegalArgumentException(
            "option market " + o.market() + " has no underlying input " + o.underlying());
      }
      rows.add(memo == null ? option(o, u, time) : memo.row(o, u, time, () -> option(o, u, time)));
    }
    rows.sort(Comparator.comparingInt(r -> r.instrument().market()));
    return new RiskArraySet(grid.version(), time, sorted, rows);
  }

  /** A perpetual's row: its linear P&L, {@code scenarioPrice - mark} per unit. */
  public InstrumentRisk perpetual(UnderlyingRisk u) {
    long[] pnl = new long[grid.size()];
    for (int s = 0; s < pnl.length; s++) {
      pnl[s] = grid.scenarios().get(s).price(u.mark(), u.priceRangePpm()) - u.mark();
    }
    return new InstrumentRisk(new RiskInstrument.Perpetual(u.market()), u.mark(), 0, pnl);
  }

  /**
   * An option's row: its mark now, and per scenario its model value at the moved price and
   * volatility, the horizon closer to expiry, rounded up, minus that mark. Rounding up never
   * understates a short's loss; a long's it understates by less than one unit per option unit, and
   * a long can never lose more than its mark.
   */
  public InstrumentRisk option(RiskInstrument.Option o, UnderlyingRisk u, long time) {
    OptionSpec spec = o.spec();
    if (spec == null || !spec.isValid() || spec.underlyingMarket() != u.market()) {
      throw new IllegalArgumentException("invalid option spec for market " + o.market());
    }
    if (!RiskInstrument.isMarketId(o.market())
        || o.volPpm() < VolatilityQuote.MIN_VOL_PPM
        || o.volPpm() > VolatilityQuote.MAX_VOL_PPM) {
      throw new IllegalArgumentException(
          "option market " + o.market() + ": market id or volatility out of range: " + o.volPpm());
    }
    TimeToExpiry now = TimeToExpiry.between(time, spec.expiry(), basis);
    TimeToExpiry ahead = now.after(basis.days(grid.horizonDays()), basis);
    long mark = Black76.mark(spec, u.mark(), o.volPpm(), now);
    long volUp = grid.volShift().shifted(o.volPpm(), Scenario.VolMove.UP, now, basis);
    long volDown = grid.volShift().shifted(o.volPpm(), Scenario.VolMove.DOWN, now, basis);
    long[] pnl = new long[grid.size()];
    for (int s = 0; s < pnl.length; s++) {
      Scenario scenario = grid.scenarios().get(s);
      long price = scenario.price(u.mark(), u.priceRangePpm());
      long vol = scenario.vol() == Scenario.VolMove.UP ? volUp : volDown;
      pnl[s] = Black76.value(spec, price, vol, ahead).ceil() - mark;
    }
    long shortMinimum =
        Fixed.ppmCeil(
            Math.multiplyExact(u.mark(), spec.contractSize()), grid.shortOptionMinimumPpm());
    return new InstrumentRisk(o, mark, shortMinimum, pnl);
  }

  /**
   * The markets whose rows in {@code claimed} differ from the rows recomputed from its own inputs
   * (empty when it is right): what {@code sable verify} checks before trusting a batch's arrays. A
   * row present on one side only counts as a mismatch.
   */
  public List<Integer> mismatches(RiskArraySet claimed) {
    if (claimed.gridVersion() != grid.version()) {
      throw new IllegalArgumentException(
          "risk arrays of grid version " + claimed.gridVersion() + ", not " + grid.version());
    }
    List<RiskInstrument.Option> options = new ArrayList<>();
    for (InstrumentRisk row : claimed.instruments()) {
      if (row.instrument() instanceof RiskInstrument.Option o) {
        options.add(o);
      }
    }
    RiskArraySet recomputed = compute(claimed.time(), claimed.underlyings(), options);
    SortedMap<Integer, InstrumentRisk> expected = byMarket(recomputed.instruments());
    SortedMap<Integer, InstrumentRisk> actual = byMarket(claimed.instruments());
    SortedSet<Integer> markets = new TreeSet<>(expected.keySet());
    markets.addAll(actual.keySet());
    List<Integer> wrong = new ArrayList<>();
    for (int market : markets) {
      if (!Objects.equals(expected.get(market), actual.get(market))) {
        wrong.add(market);
      }
    }
    return wrong;
  }

  /**
   * An account's Greeks per underlying (market id to the sum over its positions there), at the
   * set's risk time, marks and volatilities.
   */
  public SortedMap<Integer, Greeks> accountGreeks(RiskArraySet set, List<Position> positions) {
    SortedMap<Integer, InstrumentRisk> rows = byMarket(set.instruments());
    Map<Integer, UnderlyingRisk> underlyings = new TreeMap<>();
    set.underlyings().forEach(u -> underlyings.put(u.market(), u));
    SortedMap<Integer, Greeks> sums = new TreeMap<>();
    for (Position p : positions) {
      InstrumentRisk row = rows.get(p.market());
      if (row == null) {
        throw new IllegalArgumentException("no risk row for market " + p.market());
      }
      Greeks g =
          switch (row.instrument()) {
            case RiskInstrument.Perpetual perp -> Greeks.perpetual(p.size());
            case RiskInstrument.Option o ->
                optionGreeks(o, underlyings.get(o.underlying()), set.time(), p.size());
          };
      sums.merge(row.instrument().underlying(), g, Greeks::plus);
    }
    return sums;
  }

  private Greeks optionGreeks(RiskInstrument.Option o, UnderlyingRisk u, long time, long size) {
    TimeToExpiry t = TimeToExpiry.between(time, o.spec().expiry(), basis);
    Black76.Point point = Black76.point(u.mark(), o.spec().strike(), o.volPpm(), t);
    return Greeks.option(o.spec().kind(), o.spec().contractSize(), size, point, t, basis);
  }

  private static SortedMap<Integer, InstrumentRisk> byMarket(List<InstrumentRisk> rows) {
    SortedMap<Integer, InstrumentRisk> map = new TreeMap<>();
    for (InstrumentRisk r : rows) {
      map.put(r.instrument().market(), r);
    }
    return map;
  }
}
