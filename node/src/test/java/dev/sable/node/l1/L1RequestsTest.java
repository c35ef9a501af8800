package dev.sable.node.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.intake.AccountKeys;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.Command;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The journal's rules for forced withdrawal requests from L1: each queue index once and in order,
 * and {@code signed} decided by the gate from the key bound to the account, whatever the draft
 * says. Attacks: a request signed by another key, for another bridge, or for an account with no key
 * is journaled unsigned; a draft that claims {@code signed} does not make it so.
 */
class L1RequestsTest {
  static final Deployment D = new Deployment(31337, Fr.ofLong(0xb41d9e));
  final AccountKeys keys = new AccountKeys();
  final L1Requests requests = new L1Requests(keys);
  final List<JournalEntry> journal = new ArrayList<>();

  static EdDsaPrivateKey key(int seed) {
    byte[] s = new byte[32];
    s[0] = (byte) seed;
    return EdDsaPrivateKey.fromSeed(s);
  }

  static Provenance.L1Request record(long index, EdDsaSignature s) {
    byte[] hash = new byte[32];
    hash[31] = (byte) index;
    return new Provenance.L1Request(
        index,
        new byte[20],
        s.rx().toBytes(),
        s.ry().toBytes(),
        Fr.of(s.s()).toBytes(),
        30 + index,
        hash);
  }

  /** A request of {@code account} signed by {@code signer} for {@code d}. */
  static Provenance.L1Request signed(
      long index, long account, EdDsaPrivateKey signer, Deployment d) {
    return record(
        index, signer.sign(new WithdrawalMessage(account, 500, Fr.ZERO, 0).forcedHash(d)));
  }

  /** Admits as the journal would (the draft claiming {@code claimed}); the journaled command. */
  Command.ForcedWithdrawal journal(long account, Provenance.L1Request r, boolean claimed) {
    Command c =
        requests
            .before((x, p) -> x)
            .admit(new Command.ForcedWithdrawal((int) account, 500, 0, claimed), r);
    journal.add(new JournalEntry(journal.size() + 1, c, r));
    return (Command.ForcedWithdrawal) c;
  }

  @Test
  void signedIsTheGatesVerdictOnTheKeyBoundToTheAccount() {
    requests.deployment(D);
    keys.bindDeposit(5, key(1).publicKey().x().toBytes(), key(1).publicKey().y().toBytes());
    assertThat(journal(5, signed(0, 5, key(1), D), false).signed()).isTrue();
    assertThat(journal(5, signed(1, 5, key(2), D), true).signed()).as("another key").isFalse();
    Deployment other = new Deployment(1, Fr.ofLong(0xb41d9e));
    assertThat(journal(5, signed(2, 5, key(1), other), true).signed())
        .as("another chain's bridge")
        .isFalse();
    assertThat(journal(6, signed(3, 6, key(1), D), true).signed()).as("no key bound").isFalse();
    assertThat(journal(0, signed(4, 0, key(1), D), true).signed()).as("the keyless fund").isFalse();
    assertThat(requests.queue().next()).isEqualTo(5);
    assertThat(requests.queue().lastBlock()).isEqualTo(34);
  }

  @Test
  void eachQueueIndexIsJournaledOnceAndInOrderAndReplayResumes() {
    requests.deployment(D);
    journal(5, signed(0, 5, key(1), D), false);
    assertThatThrownBy(() -> journal(5, signed(0, 5, key(1), D), false))
        .isInstanceOfSatisfying(
            NodeError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REPLAYED));
    assertThatThrownBy(() -> journal(5, signed(2, 5, key(1), D), false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before L1 request 1");
    assertThat(journal).hasSize(1);

    L1Requests restarted = new L1Requests(keys);
    journal.forEach(restarted::observe);
    assertThat(restarted.queue().next()).isEqualTo(1);
    assertThat(restarted.queue().lastBlock()).isEqualTo(30);
    assertThat(restarted.queue().lastBlockHash()).isEqualTo("00".repeat(32));
    restarted.queue().settled(4); // the bridge's requestsServed after the batches L1 holds
    assertThat(restarted.queue().next()).isEqualTo(4);
  }

  @Test
  void noRequestIsAdmittedBeforeTheBridgeIsKnown() {
    assertThatThrownBy(() -> journal(5, signed(0, 5, key(1), D), false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before the bridge is known");
    assertThat(requests.queue().next()).isZero();
  }
}
