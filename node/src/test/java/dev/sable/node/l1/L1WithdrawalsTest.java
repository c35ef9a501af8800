package dev.sable.node.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Withdrawal nonces follow what the sequencer accepted: one withdrawal per account in flight, each
 * with the account's next nonce; one the sequencer refuses leaves the nonce for the next.
 */
class L1WithdrawalsTest {
  final L1Withdrawals withdrawals = new L1Withdrawals();
  final GroupCommitter.Gate gate = withdrawals.before((draft, p) -> draft);
  final List<JournalEntry> journal = new ArrayList<>();

  static Provenance.SignedWithdrawal signed(long nonce) {
    return new Provenance.SignedWithdrawal(new byte[64], new byte[32], nonce);
  }

  JournalEntry journal(long account, long nonce) {
    Command c = gate.admit(new Command.Withdraw((int) account, 100), signed(nonce));
    JournalEntry e = new JournalEntry(journal.size() + 1, c, signed(nonce));
    journal.add(e);
    return e;
  }

  void decide(L1Withdrawals w, JournalEntry e, boolean accepted) {
    Command.Withdraw c = (Command.Withdraw) e.command();
    w.applied(
        e,
        List.of(
            accepted
                ? new Event.Withdrawn(c.account(), c.amount())
                : new Event.Rejected(RejectReason.INSUFFICIENT_MARGIN)),
        null);
  }

  static ErrorCode refusal(Runnable r) {
    try {
      r.run();
    } catch (NodeError e) {
      return e.code();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void eachWithdrawalTakesTheAccountsNextNonceOnceTheLastIsDecided() {
    JournalEntry first = journal(5, 0);
    assertThat(refusal(() -> journal(5, 1))).isEqualTo(ErrorCode.WITHDRAWAL_IN_FLIGHT);
    assertThat(journal(9, 0)).as("another account is not held up").isNotNull();
    decide(withdrawals, first, true);
    assertThat(withdrawals.nextNonce(5)).isEqualTo(1);
    assertThat(refusal(() -> journal(5, 0))).as("a replay").isEqualTo(ErrorCode.WRONG_NONCE);
    assertThat(refusal(() -> journal(5, 2))).as("a gap").isEqualTo(ErrorCode.WRONG_NONCE);
    assertThat(journal(5, 1)).isNotNull();
  }

  @Test
  void aWithdrawalTheSequencerRefusesLeavesItsNonceToTheNext() {
    decide(withdrawals, journal(5, 0), false);
    assertThat(withdrawals.nextNonce(5)).isZero();
    decide(withdrawals, journal(5, 0), true);
    assertThat(withdrawals.nextNonce(5)).isEqualTo(1);
  }

  @Test
  void aReplayReachesTheSameNoncesAndTheSameWithdrawalInFlight() {
    List<Boolean> decisions = List.of(true, false, true);
    for (boolean accepted : decisions) {
      decide(withdrawals, journal(5, withdrawals.nextNonce(5)), accepted);
    }
    journal(5, 2); // journaled, not applied yet when the node stopped

    L1Withdrawals replayed = new L1Withdrawals();
    for (JournalEntry e : journal) {
      replayed.observe(e);
      if (e.sequence() <= decisions.size()) {
        decide(replayed, e, decisions.get((int) e.sequence() - 1));
      }
    }
    assertThat(replayed.nextNonce(5)).isEqualTo(2).isEqualTo(withdrawals.nextNonce(5));
    assertThatThrownBy(
            () -> replayed.before((d, p) -> d).admit(new Command.Withdraw(5, 1), signed(2)))
        .isInstanceOfSatisfying(
            NodeError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WITHDRAWAL_IN_FLIGHT));
  }

  @Test
  void otherCommandsPassThrough() {
    Command order = Command.PlaceOrder.limit(5, 0, 1, dev.sable.sequencer.command.Side.BUY, 1, 1);
    assertThat(gate.admit(order, new Provenance.Signed(new byte[64]))).isSameAs(order);
  }
}
