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
  ORACLE_VOLATILITY(
      "oracle-volatility", "an option's signed volatility is in [1,000, 10,000,000] ppm per year"),
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
  MODE_SIGNATURE("mode-signature", "a margin-mode switch is signed by its account's key"),
  MODE_REPLAY("mode-replay", "a margin-mode switch's request id is newer than its fill slot's"),
  MARGIN("margin", "an account at risk ends the batch with equity >= its initial requirement"),
  FEE_POOL("fee-pool", "the fee pool never goes negative"),
  LIQUIDATION_ACCOUNT("liquidation-account", "the insurance fund is never liquidated"),
  LIQUIDATION_MARK("liquidation-mark", "a liquidation needs a valid mark in every market held"),
  LIQUIDATION_MARGIN(
      "liquidation-margin", "a liquidated account's equity is below its maintenance requirement"),
  LIQUIDATION_SEQUENCE(
      "liquidation-sequence", "a liquidation's events come in the sequencer's order and branch"),
  LIQUIDATION_REDUCE(
      "liquidation-reduce", "a liquidated account's fills only reduce its positions"),
  LIQUIDATION_FLAT("liquidation-flat", "a liquidation ends with the account flat"),
  CLOSE_SIDE("close-side", "a close fills against another account's order on the other side"),
  CLOSE_BAND("close-band", "a close-into-book fill is within the band around the mark"),
  TAKEOVER_PRICE("takeover-price", "the fund takes a position over at the mark"),
  TAKEOVER_QUANTITY("takeover-quantity", "the fund takes the whole position over"),
  TAKEOVER_ALLOWED("takeover-allowed", "the fund takes over only if it can pay the deficit"),
  ADL_ALLOWED("adl-allowed", "auto-deleveraging only when the fund cannot take over"),
  ADL_COVER("adl-cover", "before auto-deleveraging the fund pays what it can of the deficit"),
  ADL_COUNTERPARTY(
      "adl-counterparty", "an ADL counterparty holds an opposite position at least the fill"),
  ADL_PRICE(
      "adl-price", "an ADL fill is at the rule's price (the first market's absorbs the deficit)"),
  ADL_RANK("adl-rank", "ADL counterparties come by decreasing score, then index, the fund last"),
  ADL_QUANTITY("adl-quantity", "an ADL fill closes the account's or the counterparty's position"),
  ADL_ORDER("adl-order", "ADL markets come in ascending order, each once"),
  INSURANCE_SURPLUS("insurance-surplus", "a taken-over account's positive rest goes to the fund"),
  DEFICIT_COVER(
      "deficit-cover", "the fund pays what it can of a flat account's negative collateral"),
  UNCOVERED_DEFICIT("uncovered-deficit", "the deficit nobody paid is published"),
  REQUEST_ACCOUNT("request-account", "a batch serves at most one forced request per account"),
  OPTION_ROWS("option-rows", "an option market needs a circuit with option rows"),
  OPTION_MARK(
      "option-mark",
      "an option row's committed mark is at most maxPrice, valid with its underlying"),
  OPTION_EXPIRED("option-expired", "an expired option row takes no fill and has no valid mark"),
  OPTION_VOLATILITY(
      "option-volatility",
      "an option row's committed volatility is its records' lower median, fresh for a valid mark"),
  OPTION_FUNDING("option-funding", "an option market has no funding"),
  EXPIRY_MARKET("expiry-market", "an expiry step names an option market of the batch"),
  EXPIRY_POSITION("expiry-position", "an expiry step closes a position the account holds"),
  EXPIRY_EARLY(
      "expiry-early", "an expiry step comes at or after the expiry, once the option settles"),
  EXPIRY_PAYOFF(
      "expiry-payoff",
      "an expiry pays the rule's payoff at S, the underlying's mark at the first settling batch"),
  EXPIRY_OPEN("expiry-open", "no loaded account keeps a position in an option that settles"),
  RISK_ROW(
      "risk-row",
      "a portfolio batch has one risk row per market row, under the market's own underlying"),
  PORTFOLIO_MODE("portfolio-mode", "a portfolio-margined account needs a -pm circuit");

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
