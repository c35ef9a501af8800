package dev.sable.node.l1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Withdrawal nonces follow what the sequencer accepted and the settlement state holds: one
 * withdrawal per account in flight, each with the account's next nonce; one the sequencer refuses
 * leaves its nonce to the next, even past an intake gate that remembers every nonce it admitted.
 */
class L1WithdrawalsTest {
  final L1Withdrawals withdrawals = new L1Withdrawals();

  /** Intake's replay guard as it is: refuses a nonce it admitted before. */
  final Set<Long> admittedByIntake = new HashSet<>();

  final GroupCommitter.Gate gate =
      withdrawals.before(
          (draft, p) -> {
            if (p instanceof Provenance.Signed s
                && s.request() instanceof SignedRequest.Withdrawal w
                && !admittedByIntake.add(w.message().nonce())) {
              throw new NodeError(ErrorCode.REPLAYED);
            }
            return draft;
          });
  final List<JournalEntry> journal = new ArrayList<>();

  static Provenance.Signed signed(long account, long nonce) {
    WithdrawalMessage m = new WithdrawalMessage(account, 100, Fr.ofLong(0xE0A1), nonce);
    return new Provenance.Signed(
        new SignedRequest.Withdrawal(m, EdDsaPrivateKey.fromSeed(new byte[32]).sign(Fr.ONE)));
  }

  JournalEntry journal(long account, long nonce) {
    Provenance p = signed(account, nonce);
    Command c = gate.admit(new Command.Withdraw((int) account, 100, nonce), p);
    JournalEntry e = new JournalEntry(journal.size() + 1, c, p);
    journal.add(e);
    return e;
  }

  static void decide(L1Withdrawals w, JournalEntry e, boolean accepted) {
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
    assertThat(refusal(() -> journal(5, 0)))
        .as("the one in flight, again")
        .isEqualTo(ErrorCode.REPLAYED);
    assertThat(journal(9, 0)).as("another account is not held up").isNotNull();
    decide(withdrawals, first, true);
    assertThat(withdrawals.nextNonce(5)).isEqualTo(1);
    assertThat(refusal(() -> journal(5, 0))).as("a replay").isEqualTo(ErrorCode.REPLAYED);
    assertThat(refusal(() -> journal(5, 2))).as("a gap").isEqualTo(ErrorCode.WRONG_NONCE);
    assertThat(journal(5, 1)).isNotNull();
  }

  @Test
  void aWithdrawalTheSequencerRefusesLeavesItsNonceToTheNextEvenPastIntakesGuard() {
    decide(withdrawals, journal(5, 0), false);
    assertThat(withdrawals.nextNonce(5)).isZero();
    assertThat(admittedByIntake).as("intake's guard remembers nonce 0").contains(0L);
    decide(withdrawals, journal(5, 0), true);
    assertThat(withdrawals.nextNonce(5)).isEqualTo(1);
  }

  @Test
  void theSettlementStatesNonceCountsWhatARestartDidNotReplay() {
    withdrawals.settledBy(account -> account == 5 ? 4 : 0);
    assertThat(withdrawals.nextNonce(5)).isEqualTo(4);
    assertThat(refusal(() -> journal(5, 3))).isEqualTo(ErrorCode.REPLAYED);
    decide(withdrawals, journal(5, 4), true);
    assertThat(withdrawals.nextNonce(5)).isEqualTo(5);
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
    assertThat(
            refusal(
                () ->
                    replayed
                        .before((d, p) -> d)
                        .admit(new Command.Withdraw(5, 1, 3), signed(5, 3))))
        .isEqualTo(ErrorCode.WITHDRAWAL_IN_FLIGHT);
  }

  @Test
  void otherCommandsPassThrough() {
    Command order = Command.PlaceOrder.limit(5, 0, 1, Side.BUY, 1, 1);
    Provenance p = new Provenance.Registration(new byte[32]);
    assertThat(gate.admit(order, p)).isSameAs(order);
  }
}
