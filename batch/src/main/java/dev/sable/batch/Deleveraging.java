package dev.sable.batch;

import java.util.List;

/**
 * The auto-deleveraging branch of a liquidation: the fund first pays what it can of a negative
 * equity (the DeficitCovered before the first AdlFill; 0 when the sequencer emits none), then the
 * positions close against counterparties.
 */
public record Deleveraging(long covered, List<AdlFill> fills) {
  public Deleveraging {
    fills = List.copyOf(fills);
  }
}
