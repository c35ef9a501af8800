package dev.sable.batch;

/** The kinds of liquidation steps, with the circuit's codes (Go ledger.StepLiquidate ...). */
public enum StepKind {
  /** The account falls under liquidation: equity below its maintenance requirement. */
  LIQUIDATE(1),
  /** A close-into-book fill of the liquidated account. */
  CLOSE(2),
  /** The fund takes over one position at the mark. */
  TAKEOVER(3),
  /** Auto-deleveraging starts: the fund pays what it can of the deficit. */
  COVER(4),
  /** An auto-deleveraging fill against a counterparty. */
  ADL(5),
  /** The liquidation ends (a step of its own when its last event is a close). */
  END(6),
  /** The fund closes part of a position into the book. */
  UNWIND(7);

  /** The number of codes, 0 (an unused step) included. */
  static final int CODES = 8;

  private final int code;

  StepKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
