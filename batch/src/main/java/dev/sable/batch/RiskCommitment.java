package dev.sable.batch;

import dev.sable.crypto.Fr;
import dev.sable.sequencer.options.RiskArraySet;

/**
 * The commitment to a batch's risk arrays that a {@code -pm} settlement circuit binds, the last
 * element of its public data, for a verifier holding the sequencer's arrays: the rows {@link
 * RiskRow#of} makes of them, committed as the builder commits them ({@link RiskTable}; Go
 * ledger.RiskCommitment; docs/settlement.md "Portfolio margin in the circuit").
 */
public final class RiskCommitment {
  private RiskCommitment() {}

  /**
   * The commitment of {@code set} in a table of {@code marketRows} rows.
   *
   * @throws IllegalArgumentException when the set has more rows than the table, or another grid
   *     version than 1
   */
  public static Fr of(RiskArraySet set, int marketRows) {
    return RiskTable.commitment(RiskRow.of(set), marketRows);
  }
}
