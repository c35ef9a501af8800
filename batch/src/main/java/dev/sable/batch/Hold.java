package dev.sable.batch;

/**
 * Why the fund cannot take a liquidated account over, for a cover step (Go ledger.HoldDeficit ...).
 */
public enum Hold {
  /** equity + max(0, fund collateral) < 0: the fund cannot pay the deficit. */
  DEFICIT,
  /** The fund's position in a remaining market would pass maxPosition. */
  BOUND,
  /** The fund has no position slot for a remaining market. */
  SLOTS;

  public int code() {
    return ordinal();
  }
}
