package dev.sable.batch.sequencer;

import dev.sable.batch.Deposit;
import dev.sable.batch.FundingTick;
import dev.sable.batch.SignedPrice;
import dev.sable.batch.Trade;
import dev.sable.batch.Withdrawal;

/** One settlement operation a command produced, in the builder's terms, in the command's order. */
sealed interface Operation {
  record Tick(FundingTick tick) implements Operation {}

  record Price(SignedPrice price) implements Operation {}

  /** A deposit queue record, credited or refunded. */
  record Credit(Deposit deposit) implements Operation {}

  record Fill(Trade trade) implements Operation {}

  record Payout(Withdrawal withdrawal) implements Operation {}
}
