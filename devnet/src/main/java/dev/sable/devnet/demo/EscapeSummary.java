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
 */
public record EscapeSummary(
    @JsonProperty("escape_exit_paid") boolean paid,
    @JsonProperty("escape_exit_amount") long amount,
    @JsonProperty("escape_expected_equity") long expectedEquity,
    @JsonProperty("escape_second_exit_refused") boolean secondExitRefused,
    @JsonProperty("escape_account") long account,
    @JsonProperty("escape_exit_ms") long exitMs) {

  /** Whether the escape did what it must: paid, the amount the node's proven state gave, once. */
  public boolean succeeded() {
    return paid && amount == expectedEquity && secondExitRefused;
  }
}
