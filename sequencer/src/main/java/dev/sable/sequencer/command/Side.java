package dev.sable.sequencer.command;

/** Order side. */
public enum Side {
  BUY,
  SELL;

  public boolean isBuy() {
    return this == BUY;
  }
}
