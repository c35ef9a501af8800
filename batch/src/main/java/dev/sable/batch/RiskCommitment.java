package dev.sable.batch;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.sequencer.options.InstrumentRisk;
import dev.sable.sequencer.options.RiskArraySet;
import dev.sable.sequencer.options.RiskInstrument;
import dev.sable.sequencer.options.ScenarioGrid;
import dev.sable.sequencer.options.UnderlyingRisk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The commitment to a batch's risk arrays that a {@code -pm} settlement circuit binds, the last
 * element of its public data (Go ledger.RiskCommitment; docs/settlement.md "Portfolio margin in the
 * circuit"): {@code H(TAG_RISK, grid version, per market row of the circuit: market, underlying,
 * the underlying's priceRangePpm for a perpetual row (0 for an option), shortMinimum,
 * pnl[0..S-1])}, each integer as {@code v mod r}, rows in ascending market id, padded with zeros to
 * the circuit's market rows.
 */
public final class RiskCommitment {
  private RiskCommitment() {}

  static final Fr TAG_RISK = DomainTag.of("sable.risk.v1");

  /**
   * The commitment of {@code set} in a table of {@code marketRows} rows.
   *
   * @throws IllegalArgumentException when the set has more rows than the table, or another grid
   *     version than 1
   */
  public static Fr of(RiskArraySet set, int marketRows) {
    List<InstrumentRisk> rows = set.instruments();
    if (rows.size() > marketRows) {
      throw new IllegalArgumentException(
          "risk arrays of " + rows.size() + " rows in a table of " + marketRows);
    }
    if (set.gridVersion() != ScenarioGrid.V1.version()) {
      throw new IllegalArgumentException(
          "risk arrays of grid version " + set.gridVersion() + ": the circuit reads version 1");
    }
    int scenarios = ScenarioGrid.V1.size();
    Map<Integer, Long> ranges = new HashMap<>();
    for (UnderlyingRisk u : set.underlyings()) {
      ranges.put(u.market(), u.priceRangePpm());
    }
    List<Fr> elements = new ArrayList<>(List.of(TAG_RISK, Fr.ofLong(set.gridVersion())));
    for (int i = 0; i < marketRows; i++) {
      long[] row = new long[4 + scenarios];
      if (i < rows.size()) {
        InstrumentRisk risk = rows.get(i);
        RiskInstrument instrument = risk.instrument();
        row[0] = instrument.market();
        row[1] = instrument.underlying();
        row[2] =
            instrument instanceof RiskInstrument.Perpetual ? ranges.get(instrument.market()) : 0;
        row[3] = risk.shortMinimum();
        System.arraycopy(risk.pnl(), 0, row, 4, scenarios);
      }
      for (long v : row) {
        elements.add(Fr.ofLong(v));
      }
    }
    return Poseidon2.INSTANCE.hash(elements.toArray(Fr[]::new));
  }
}
