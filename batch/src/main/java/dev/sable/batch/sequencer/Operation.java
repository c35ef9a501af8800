package dev.sable.batch.sequencer;

import dev.sable.batch.Close;
import dev.sable.batch.Deposit;
import dev.sable.batch.Expiry;
import dev.sable.batch.ForcedRequest;
import dev.sable.batch.FundingTick;
import dev.sable.batch.Liquidation;
import dev.sable.batch.MarginSwitch;
import dev.sable.batch.SignedPrice;
import dev.sable.batch.Trade;
import dev.sable.batch.Withdrawal;
import java.util.List;

/** One settlement operation a command produced, in the builder's terms, in the command's order. */
sealed interface Operation {
  record Tick(FundingTick tick) implements Operation {}

  record Price(SignedPrice price) implements Operation {}

  /** A deposit queue record, credited or refunded. */
  record Credit(Deposit deposit) implements Operation {}

  record Fill(Trade trade) implements Operation {}

  record Payout(Withdrawal withdrawal) implements Operation {}

  /** A signed margin-mode switch: one switch slot, applied after the withdrawals. */
  record Switch(MarginSwitch request) implements Operation {}

  /** A forced withdrawal request, served (paid or refused) after the rest of the batch. */
  record Request(ForcedRequest request) implements Operation {}

  /**
   * One account's option positions settled at their expiry by a time tick (its {@code
   * PositionSettled} events), and the legs that closed them: the batch's expiry steps, which end
   * it.
   */
  record Settle(long account, List<Expiry> expiries, List<CommandPositions.Leg> legs)
      implements Operation {
    public Settle {
      expiries = List.copyOf(expiries);
      legs = List.copyOf(legs);
    }
  }

  /**
   * A part of a liquidation sweep ({@link SweepMapping}): its liquidations and the fund's unwinds,
   * which end the batch, and every position change they made, in event order. A sweep that changed
   * something is one or more parts, in the sweep's order.
   */
  record Sweep(List<Liquidation> liquidations, List<Close> unwinds, List<CommandPositions.Leg> legs)
      implements Operation {
    public Sweep {
      liquidations = List.copyOf(liquidations);
      unwinds = List.copyOf(unwinds);
      legs = List.copyOf(legs);
    }

    /** Liquidation steps it takes in the circuit. */
    int steps() {
      return unwinds.size() + liquidations.stream().mapToInt(Liquidation::steps).sum();
    }
  }
}
