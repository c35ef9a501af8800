package dev.sable.sequencer.crypto;

/** The ranges of signed-message fields (docs/state.md, section 7), checked at construction. */
final class MessageRanges {
  static final long ACCOUNTS = 1L << 24;
  static final long MARKETS = 256;
  // the sequencer's bound on a notional: price and quantity are each at most 2^62
  static final long PRICE_OR_QUANTITY = (1L << 62) + 1;

  private MessageRanges() {}

  /** Throws unless lo <= value < hi. */
  static void check(String name, long value, long lo, long hi) {
    if (value < lo || value >= hi) {
      throw new IllegalArgumentException(
          name + " = " + value + " outside [" + lo + ", " + hi + ")");
    }
  }
}
