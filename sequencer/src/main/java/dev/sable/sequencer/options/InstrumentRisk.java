package dev.sable.sequencer.options;

import java.util.Arrays;

/**
 * One instrument's row of a batch's risk arrays: its mark, its short-option minimum per unit and
 * its P&L per quantity unit (long) in each scenario of the grid, all integers in collateral units.
 * A position of signed size q gains {@code q * pnl[s]} in scenario s.
 *
 * @param instrument what the row prices
 * @param mark collateral per quantity unit: the option's model mark (rounded to its tick), or the
 *     perpetual's mark
 * @param shortMinimum collateral per short unit (0 for a perpetual)
 * @param pnl per scenario: the scenario value (an option's rounded up) minus the mark
 */
public record InstrumentRisk(RiskInstrument instrument, long mark, long shortMinimum, long[] pnl) {
  public InstrumentRisk {
    pnl = pnl.clone();
  }

  @Override
  public long[] pnl() {
    return pnl.clone();
  }

  /** The scenario P&L without a copy, for the margin loop; callers must not write it. */
  long[] pnlView() {
    return pnl;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InstrumentRisk r
        && instrument.equals(r.instrument)
        && mark == r.mark
        && shortMinimum == r.shortMinimum
        && Arrays.equals(pnl, r.pnl);
  }

  @Override
  public int hashCode() {
    return 31
            * (31 * (31 * instrument.hashCode() + Long.hashCode(mark))
                + Long.hashCode(shortMinimum))
        + Arrays.hashCode(pnl);
  }

  @Override
  public String toString() {
    return "InstrumentRisk[instrument="
        + instrument
        + ", mark="
        + mark
        + ", shortMinimum="
        + shortMinimum
        + ", pnl="
        + Arrays.toString(pnl)
        + "]";
  }
}
