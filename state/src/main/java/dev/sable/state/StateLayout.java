package dev.sable.state;

import dev.sable.crypto.MessageRanges;

/** Tree depths of the state layout (docs/state.md; circuits/layout). */
public final class StateLayout {
  /** 2^24 = 16.7M accounts; the depth of circuits/stateupdate. */
  public static final int ACCOUNT_DEPTH = MessageRanges.ACCOUNT_INDEX_BITS;

  /** 256 markets: an account's positions tree, indexed by market id. */
  public static final int POSITION_DEPTH = 8;

  /** 1024 order-fill slots per account, indexed by client order id mod 1024. */
  public static final int FILL_DEPTH = MessageRanges.FILL_SLOT_BITS;

  /** 256 markets: the market tree, indexed by market id. */
  public static final int MARKET_DEPTH = MessageRanges.MARKET_ID_BITS;

  private StateLayout() {}
}
