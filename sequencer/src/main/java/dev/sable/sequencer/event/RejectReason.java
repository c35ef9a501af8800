package dev.sable.sequencer.event;

/** Why a command was rejected. A rejected command changes no state. */
public enum RejectReason {
  UNKNOWN_MARKET,
  UNKNOWN_ACCOUNT,
  BAD_ACCOUNT_ID,
  INVALID_MARKET_SPEC,
  TOO_MANY_MARKETS,
  MARKET_HALTED,
  MARKET_SETTLED,
  /** The insurance fund (account 0) cannot trade or withdraw. */
  FUND_ACCOUNT,
  NON_POSITIVE_AMOUNT,
  NON_POSITIVE_SIZE,
  NON_POSITIVE_PRICE,
  PRICE_ABOVE_MAX,
  BAD_TICK,
  BAD_LOT,
  BAD_CLIENT_ORDER_ID,
  DUPLICATE_CLIENT_ORDER_ID,
  UNKNOWN_ORDER,
  EXPIRED,
  REDUCE_ONLY_WOULD_INCREASE,
  POST_ONLY_WOULD_CROSS,
  FOK_NOT_FILLABLE,
  NO_MARK_PRICE,
  MAX_POSITION_EXCEEDED,
  INSUFFICIENT_MARGIN,
  INSUFFICIENT_COLLATERAL,
  AMEND_NO_CHANGE,
  UNKNOWN_ORACLE_SOURCE,
  ORACLE_FROM_FUTURE,
  STALE_ORACLE_PRICE,
  TIME_WENT_BACKWARDS,
  FUNDING_TOO_EARLY,
  BAD_STATUS_CHANGE,
  /** A command with a missing (null) field; a decoded log never has one. */
  MALFORMED_COMMAND,
  /** An order or amend quantity above the market's maxPosition. */
  QUANTITY_ABOVE_MAX,
  /**
   * The deposit would take the account's collateral above {@code MAX_COLLATERAL}, or a deposit or
   * risk-increasing order its exposure above {@code Exposure.LIMIT} (docs/sequencer.md "Bounds").
   */
  COLLATERAL_LIMIT_EXCEEDED,
  /** The deposit would take the exchange's net deposits above {@code MAX_NET_DEPOSITS}. */
  EXCHANGE_DEPOSIT_LIMIT_EXCEEDED,
  /** The funding tick would move the funding index beyond the market's bound. */
  FUNDING_INDEX_LIMIT,
  /** A deposit names another key than its existing account's (refunded on L1). */
  KEY_MISMATCH,
  /** A deposit would create an account without a valid key (refunded on L1). */
  INVALID_KEY,
  /** A withdrawal signed for another nonce than the account's. */
  WRONG_NONCE,
  /** An order in a ninth market while the account has positions or orders in eight. */
  TOO_MANY_POSITIONS,
  /** Another resting order of the account uses the order's fill slot (client id mod 1024). */
  FILL_SLOT_BUSY,
  /** The order's fill slot already filled this client order id or a newer one. */
  CLIENT_ORDER_ID_USED,
  /** An amend's new client order id is not the old one plus a positive multiple of 1024. */
  BAD_AMEND_ID,
  /**
   * An option listing's terms are inconsistent: the underlying is not a listed, unsettled
   * perpetual, a term is not positive, the expiry is not after now or 16 years or more away, or the
   * spec's price bound does not hold the option's value and payoff (docs/options.md "Option
   * markets").
   */
  INVALID_OPTION_TERMS,
  /** A volatility record for a market that is not an option. */
  NOT_AN_OPTION_MARKET,
  /** An oracle price or a funding tick for an option market (it has neither). */
  OPTION_MARKET,
  /** A volatility outside [0.1%, 1000%] per year. */
  VOLATILITY_OUT_OF_RANGE,
  /** A forced withdrawal request not signed by the account's key: served on L1 by paying 0. */
  UNSIGNED_REQUEST,
  /** A margin mode switch while the account has open orders (cancel them first). */
  OPEN_ORDERS
}
