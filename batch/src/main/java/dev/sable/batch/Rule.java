package dev.sable.batch;

/**
 * The settlement rules a batch can break, named as docs/settlement.md and Go's ledger name them
 * (ledger.Violation.Rule), plus the malformed batches Go's ledger refuses with an error.
 */
public enum Rule {
  BATCH_TIME("batch-time", "the batch time is before the previous batch's"),
  UNKNOWN_MARKET("unknown-market", "an operation names a market that is not listed"),
  FUNDING_TWICE("funding-twice", "a market ticks at most once per batch"),
  FUNDING_MARK("funding-mark", "a funding tick needs a valid mark at the previous batch's time"),
  FUNDING_CLAMP("funding-clamp", "the funding rate is within the market's clamp"),
  FUNDING_INTERVAL("funding-interval", "a funding tick comes at least an interval after the last"),
  ORACLE_SIGNATURE("oracle-signature", "an oracle price is signed by its source's key"),
  ORACLE_PRICE("oracle-price", "an oracle price is in [1, maxPrice]"),
  ORACLE_TIME("oracle-time", "an oracle price is not from the future and newer than its source's"),
  DEPOSIT_KEY("deposit-key", "a credited deposit names the account's key, a valid one if new"),
  POSITION_SLOTS("position-slots", "an account holds positions in at most 8 markets"),
  ORDER_SIGNATURE("order-signature", "an order is signed by its account's key"),
  ORDER_EXPIRED("order-expired", "an order fills only before its expiry"),
  ORDER_REPLAY("order-replay", "an order never fills after a newer order used its fill slot"),
  OVERFILL("overfill", "an order never fills beyond its signed quantity"),
  TRADE_MARKET("trade-market", "both orders of a trade are in the same market"),
  TRADE_SIDE("trade-side", "the orders of a trade are on opposite sides"),
  TRADE_LIMIT("trade-limit", "the fill price is within both limits"),
  TRADE_PRICE("trade-price", "the fill price is a positive multiple of the tick, at most maxPrice"),
  TRADE_QUANTITY("trade-quantity", "the fill quantity is a positive multiple of the lot"),
  TRADE_POST_ONLY("trade-post-only", "a post-only order never takes liquidity"),
  TRADE_FEE("trade-fee", "each fee is at most its rate, and together they are not negative"),
  REDUCE_ONLY("reduce-only", "a reduce-only order only reduces a position"),
  MAX_POSITION("max-position", "a position stays within maxPosition"),
  MARK_INVALID("mark-invalid", "a risk-increasing fill needs a valid mark"),
  RANGE("range", "every stored value stays in its 64-bit range"),
  WITHDRAWAL_SIGNATURE("withdrawal-signature", "a withdrawal is signed by its account's key"),
  WITHDRAWAL_NONCE("withdrawal-nonce", "a withdrawal carries the account's next nonce"),
  WITHDRAWAL_COLLATERAL("withdrawal-collateral", "an account that withdrew keeps collateral >= 0"),
  MARGIN("margin", "an account at risk ends the batch with equity >= its initial requirement"),
  FEE_POOL("fee-pool", "the fee pool never goes negative");

  private final String id;
  private final String description;

  Rule(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The rule's name in docs/settlement.md and Go's ledger. */
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }
}
