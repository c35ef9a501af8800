package dev.sable.crypto;

/**
 * The ranges of signed-message fields (docs/state.md, section 7), checked at construction. The
 * account index and market id widths are the state tree's account and market depths: they are
 * defined once, here, and {@code state.StateLayout} takes them from here (the state package depends
 * on crypto, so the reverse would make a package cycle).
 */
public final class MessageRanges {
  /** Bits of an account index: the depth of the state tree's account tree. */
  public static final int ACCOUNT_INDEX_BITS = 24;

  /** Bits of a market id: the depth of the state tree's market tree. */
  public static final int MARKET_ID_BITS = 8;

  /** Bits of a fill slot: an account's order takes slot clientOrderId mod 2^10. */
  public static final int FILL_SLOT_BITS = 10;

  /** Fill slots per account (docs/state.md, section 4). */
  public static final int FILL_SLOTS = 1 << FILL_SLOT_BITS;

  /** Oracle sources a market can have (the settlement layout's market leaf holds 8 keys). */
  public static final int ORACLE_SOURCES = 8;

  static final long ACCOUNTS = 1L << ACCOUNT_INDEX_BITS;
  static final long MARKETS = 1L << MARKET_ID_BITS;
  // the sequencer's bound on a notional: price and quantity are each at most 2^62
  static final long PRICE_OR_QUANTITY = (1L << 62) + 1;

  private MessageRanges() {}

  /**
   * Throws unless lo <= value < hi. The message names the field and its range, never the value: a
   * message field can be part of a private order, and error messages reach logs and clients.
   */
  static void check(String name, long value, long lo, long hi) {
    if (value < lo || value >= hi) {
      throw new IllegalArgumentException(name + " outside [" + lo + ", " + hi + ")");
    }
  }
}
