package dev.sable.sequencer.event;

/** Why an order left the book (or an incoming remainder was dropped) without filling. */
public enum CancelReason {
  USER,
  CANCEL_ALL,
  /** The unfilled remainder of an IOC or market order. */
  IOC_REMAINDER,
  SELF_TRADE,
  EXPIRED,
  LIQUIDATION,
  /** A resting reduce-only order that the position no longer covers. */
  REDUCE_ONLY,
  MARKET_SETTLED,
  /**
   * A fill would have increased the order's account's risk beyond the margin rule at the current
   * marks (positions only, docs/settlement.md): a resting order is cancelled instead of filled, an
   * incoming one stops matching.
   */
  MARGIN
}
