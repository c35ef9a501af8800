package dev.sable.sequencer.command;

/** How an order meets the book. */
public enum OrderType {
  /** Limit, good till cancelled (or its expiry): matches, then rests. */
  GTC,
  /** Limit that must not match on arrival: rejected if it would cross, otherwise rests. */
  POST_ONLY,
  /** Immediate or cancel: matches what it can up to its limit, the rest is cancelled. */
  IOC,
  /** Fill or kill: fills completely up to its limit at once, or is rejected. */
  FOK,
  /** Market order: an IOC whose price is the worst acceptable price bound. */
  MARKET;

  /** Whether the unfilled remainder rests in the book. */
  public boolean rests() {
    return this == GTC || this == POST_ONLY;
  }
}
