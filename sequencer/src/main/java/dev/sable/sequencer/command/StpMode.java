package dev.sable.sequencer.command;

/** Self-trade prevention: what happens when an order would match its own account's order. */
public enum StpMode {
  /** The incoming order's remainder is cancelled; the resting order stays. The default. */
  CANCEL_TAKER,
  /** The resting order is cancelled and matching continues. */
  CANCEL_MAKER,
  /** Both are cancelled. */
  CANCEL_BOTH
}
