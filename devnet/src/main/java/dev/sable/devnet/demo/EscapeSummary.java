package dev.sable.devnet.demo;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What `sable demo --scenario escape` adds to the summary (field names are part of the CLI's
 * contract).
 *
 * @param paid the exit was accepted, its claim paid exactly the exit's amount, and the recipient's
 *     token balance grew by exactly that
 * @param amount the exit's amount: the equity the exit reader valued from L1 data alone
 * @param expectedEquity the same account's equity from the stopped node's own proven state ({@link
 *     ProvenAccount})
 * @param secondExitRefused a second exit of the same account was refused
 * @param account the account that exited
 * @param exitMs milliseconds of the exit from L1 data (reading, proving, sending, claiming)
 * @param exits how many accounts exited (the first trader's and every other with equity)
 * @param optionHolderExits how many of them held an option position
 * @param bridgeBalanceLeft the bridge's token balance after every exit was claimed
 * @param solvent the bridge's balance before the exits equalled the exits paid, the unclaimed
 *     credits and what no key can exit (fund, fee pool, funding pool), with no pending deposit
 */
public record EscapeSummary(
    @JsonProperty("escape_exit_paid") boolean paid,
    @JsonProperty("escape_exit_amount") long amount,
    @JsonProperty("escape_expected_equity") long expectedEquity,
    @JsonProperty("escape_second_exit_refused") boolean secondExitRefused,
    @JsonProperty("escape_account") long account,
    @JsonProperty("escape_exit_ms") long exitMs,
    @JsonProperty("escape_exits") int exits,
    @JsonProperty("escape_option_holder_exits") int optionHolderExits,
    @JsonProperty("escape_bridge_balance_left") long bridgeBalanceLeft,
    @JsonProperty("escape_solvency_holds") boolean solvent) {

  /**
   * Whether the escape did what it must: paid, the amount the node's proven state gave, once, and
   * the bridge's money adds up.
   */
  public boolean succeeded() {
    return paid && amount == expectedEquity && secondExitRefused && solvent;
  }
}
