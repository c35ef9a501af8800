package dev.sable.node.l1;

import dev.sable.batch.Capacities;
import dev.sable.l1.PublicDataLayout;

/** The bridge's layout of the public data of a settlement circuit. */
public final class CircuitLayout {
  private CircuitLayout() {}

  /** The layout of the public data of the circuit at {@code c}. */
  public static PublicDataLayout of(Capacities c) {
    return new PublicDataLayout(
        c.deposits(),
        c.withdrawals(),
        c.markets(),
        c.steps(),
        c.requests(),
        c.ownerData() ? c.accounts() : 0,
        c.portfolio());
  }
}
