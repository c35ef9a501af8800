package dev.sable.batch.sequencer;

import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.margin.Margin;
import java.util.HashSet;
import java.util.Set;

/**
 * The circuit's end-of-batch rules (docs/settlement.md, "The margin rule, written once"), checked
 * on the sequencer's state after a command as if the batch ended there, at its marks and time: an
 * account under the margin rule has equity >= the initial requirement of its positions; one that
 * withdrew has collateral >= 0; every market of a fill that added risk has a valid mark; no filled
 * order has expired. The sequencer's marks are the circuit's (the records' lower median at now).
 */
final class EndOfBatchCheck {
  private final ExchangeState state;
  private final Margin margin;

  EndOfBatchCheck(ExchangeState state) {
    this.state = state;
    this.margin = new Margin(state);
  }

  /**
   * Whether {@code batch} with {@code e} added would pass the end checks now. Only what the last
   * command could change is rechecked: the accounts it changed, or after a move of marks or time
   * every account under the rule; the marks and expiries always (they are cheap).
   */
  boolean passes(OpenBatch batch, Effects e) {
    if (Math.min(batch.minExpiry, e.minExpiry) <= state.now()) {
      return false;
    }
    for (long bits = batch.riskMarkets | e.riskMarkets; bits != 0; bits &= bits - 1) {
      if (!state.market(Long.numberOfTrailingZeros(bits)).markValid()) {
        return false;
      }
    }
    Set<Long> changed = new HashSet<>();
    for (int i = 0; i < state.changedAccountCount(); i++) {
      changed.add((long) state.changedAccount(i));
    }
    for (long a : e.marksMoved ? batch.atRisk : intersection(batch.atRisk, changed)) {
      if (!meetsMargin(a)) {
        return false;
      }
    }
    for (long a : e.atRisk) {
      if (!meetsMargin(a)) {
        return false;
      }
    }
    Set<Long> withdrawers = intersection(batch.withdrawers, changed);
    withdrawers.addAll(e.withdrawers);
    for (long a : withdrawers) {
      if (account(a).collateral() < 0) {
        return false;
      }
    }
    return true;
  }

  private static Set<Long> intersection(Set<Long> a, Set<Long> b) {
    Set<Long> out = new HashSet<>(a);
    out.retainAll(b);
    return out;
  }

  private Account account(long index) {
    return state.account((int) index);
  }

  private boolean meetsMargin(long index) {
    Account a = account(index);
    return margin.covers(a, 0, margin.positionRequirement(a));
  }
}
