package dev.sable.batch;

import dev.sable.crypto.Fr;
import dev.sable.sequencer.options.InstrumentRisk;
import dev.sable.sequencer.options.RiskArraySet;
import dev.sable.sequencer.options.RiskInstrument;
import dev.sable.sequencer.options.ScenarioGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One market's risk array in a portfolio-margin batch (Go ledger.RiskRow; docs/settlement.md
 * "Portfolio margin in the circuit"): committed inputs the sequencer computes from public data
 * (marks, volatilities, ranges, time) on grid version 1, which the circuit binds to its market row
 * but does not recompute.
 *
 * @param market the market id
 * @param underlying the perpetual the row's scenarios move (the market itself for a perpetual)
 * @param rangePpm the underlying's scenario price range (a perpetual's row; 0 for an option)
 * @param shortMinimum collateral per short unit (0 for a perpetual)
 * @param pnl the P&amp;L per long unit in each of the grid's 16 scenarios
 */
public record RiskRow(long market, long underlying, long rangePpm, long shortMinimum, long[] pnl) {
  /** The scenarios of grid version 1, the only grid a batch commits to. */
  public static final int SCENARIOS = ScenarioGrid.V1.size();

  /** An unused row of the table: all zeros. */
  static final RiskRow UNUSED = new RiskRow(0, 0, 0, 0, new long[SCENARIOS]);

  /**
   * The rows of the sequencer's risk arrays (grid version 1), in their ascending market order: a
   * perpetual's row carries its underlying's range, an option's its short minimum.
   */
  public static List<RiskRow> of(RiskArraySet set) {
    if (set.gridVersion() != ScenarioGrid.V1.version()) {
      throw new IllegalArgumentException("risk arrays of grid version " + set.gridVersion());
    }
    Map<Integer, Long> ranges = new HashMap<>();
    set.underlyings().forEach(u -> ranges.put(u.market(), u.priceRangePpm()));
    List<RiskRow> out = new ArrayList<>();
    for (InstrumentRisk risk : set.instruments()) {
      RiskInstrument i = risk.instrument();
      boolean perpetual = i instanceof RiskInstrument.Perpetual;
      out.add(
          new RiskRow(
              i.market(),
              i.underlying(),
              perpetual ? ranges.get(i.market()) : 0,
              risk.shortMinimum(),
              risk.pnl()));
    }
    return out;
  }

  public RiskRow {
    if (pnl.length != SCENARIOS) {
      throw new IllegalArgumentException(
          "risk row of market " + market + ": " + pnl.length + " scenarios, not " + SCENARIOS);
    }
    pnl = pnl.clone();
  }

  @Override
  public long[] pnl() {
    return pnl.clone();
  }

  /** The P&amp;L in scenario s. */
  long pnl(int s) {
    return pnl[s];
  }

  /** The row's integers in commitment order, each as v mod r. */
  List<Fr> elements() {
    List<Fr> out =
        new ArrayList<>(
            List.of(
                Fr.ofLong(market),
                Fr.ofLong(underlying),
                Fr.ofLong(rangePpm),
                Fr.ofLong(shortMinimum)));
    Arrays.stream(pnl).mapToObj(Fr::ofLong).forEach(out::add);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RiskRow r
        && market == r.market
        && underlying == r.underlying
        && rangePpm == r.rangePpm
        && shortMinimum == r.shortMinimum
        && Arrays.equals(pnl, r.pnl);
  }

  @Override
  public int hashCode() {
    return 31 * List.of(market, underlying, rangePpm, shortMinimum).hashCode()
        + Arrays.hashCode(pnl);
  }

  @Override
  public String toString() {
    return String.format(
        "RiskRow[market=%d, underlying=%d, rangePpm=%d, shortMinimum=%d, pnl=%s]",
        market, underlying, rangePpm, shortMinimum, Arrays.toString(pnl));
  }
}
