package dev.sable.batch;

import dev.sable.state.settlement.MarketParams;
import java.math.BigInteger;

/**
 * An account's margin requirements at the batch's marks in the mode it has after the batch's
 * switches (Go ledger applier.modeRequirement): the cross ones from its markets' rates, or for a
 * portfolio account the portfolio ones at the batch's risk rows, exact (unbounded). The end checks,
 * a close's maker and a forced request use the initial one, a liquidation's start the maintenance
 * one.
 */
final class Requirements {
  private final Positions positions;
  private final RiskTable risk; // null without portfolio capacities

  Requirements(Positions positions, RiskTable risk) {
    this.positions = positions;
    this.risk = risk;
  }

  BigInteger initial(AccountWork a) {
    return portfolio(a)
        ? RiskTable.initial(risk.maintenance(a))
        : positions.requirement(a, MarketParams::initialMarginPpm);
  }

  BigInteger maintenance(AccountWork a) {
    return portfolio(a)
        ? risk.maintenance(a)
        : positions.requirement(a, MarketParams::maintenanceMarginPpm);
  }

  private boolean portfolio(AccountWork a) {
    return a.mode != 0 && risk != null;
  }
}
