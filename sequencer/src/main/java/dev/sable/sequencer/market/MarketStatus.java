package dev.sable.sequencer.market;

/** Trading status of a market. */
public enum MarketStatus {
  /** Orders are accepted and matched. */
  ACTIVE,
  /** No new orders or amends; cancels still work and resting orders stay. */
  HALTED,
  /** Final: all orders cancelled and all positions closed at the last mark price. */
  SETTLED
}
