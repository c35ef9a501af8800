package dev.sable.batch;

import java.util.List;
import java.util.Optional;

/**
 * One liquidated account's events, in the sequencer's order (docs/settlement.md, "Liquidations"):
 * its close-into-book fills, then either the fund's takeovers or auto-deleveraging (or neither,
 * when the book closed everything), then the final transfers. The amounts are the events'; the
 * builder checks them against the rules.
 *
 * @param account the liquidated account (Liquidated)
 * @param closes its close-into-book fills (Fill events whose taker is the liquidation's order)
 * @param takeovers the fund's takeovers (PositionTakeover), one per remaining position
 * @param adl present when the account is auto-deleveraged
 * @param surplus InsuranceSurplus: a taken-over account's positive rest, to the fund (else 0)
 * @param covered the last DeficitCovered: what the fund pays of the flat account's negative
 *     collateral (else 0)
 * @param uncovered UncoveredDeficit: what nobody could pay (else 0)
 */
public record Liquidation(
    long account,
    List<Close> closes,
    List<Takeover> takeovers,
    Optional<Deleveraging> adl,
    long surplus,
    long covered,
    long uncovered) {

  public Liquidation {
    closes = List.copyOf(closes);
    takeovers = List.copyOf(takeovers);
  }

  /**
   * The liquidation steps it takes: one start, its closes, its takeovers or a cover and its ADL
   * fills, and an end step when its last event is a close or a cover.
   */
  public int steps() {
    return 1
        + closes.size()
        + takeovers.size()
        + adl.map(d -> 1 + d.fills().size()).orElse(0)
        + (endsWithEndStep() ? 1 : 0);
  }

  /** The end is a step of its own when the last step would be a close or a cover. */
  boolean endsWithEndStep() {
    return adl.map(d -> d.fills().isEmpty()).orElse(takeovers.isEmpty() && !closes.isEmpty());
  }
}
