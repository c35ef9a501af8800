package dev.sable.node.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.Fr;
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
 * The journal's decisions about L1 deposits: each queue index once and in order, the key bound to
 * the account it names, and a deposit that cannot be credited journaled as refused.
 */
class L1DepositsTest {
  final AccountKeys keys = new AccountKeys();
  final L1Deposits deposits = new L1Deposits(keys);
  final List<JournalEntry> journal = new ArrayList<>();

  static EdDsaPublicKey key(int seed) {
    byte[] s = new byte[32];
    s[0] = (byte) seed;
    return EdDsaPrivateKey.fromSeed(s).publicKey();
  }

  static Provenance.L1Deposit record(long index, long account, Fr x, Fr y) {
    byte[] hash = new byte[32];
    hash[31] = (byte) index;
    return new Provenance.L1Deposit(
        index, account, new byte[20], x.toBytes(), y.toBytes(), new byte[32], 10 + index, hash);
  }

  static Provenance.L1Deposit record(long index, long account, EdDsaPublicKey key) {
    return record(index, account, key.x(), key.y());
  }

  /** Admits as the journal would, keeping what it journaled. */
  Command.Deposit journal(Provenance.L1Deposit d, long amount) {
    Command c =
        deposits
            .before((draft, p) -> draft)
            .admit(new Command.Deposit((int) d.account(), amount), d);
    journal.add(new JournalEntry(journal.size() + 1, c, d));
    return (Command.Deposit) c;
  }

  @Test
  void eachQueueIndexIsJournaledOnceAndInOrder() {
    assertThat(journal(record(0, 5, key(1)), 100).account()).isEqualTo(5);
    assertThat(journal(record(1, 9, key(2)), 200).account()).isEqualTo(9);
    assertThat(deposits.next()).isEqualTo(2);
    assertThat(deposits.lastBlock()).isEqualTo(11);

    assertThatThrownBy(() -> journal(record(1, 9, key(2)), 200))
        .isInstanceOfSatisfying(
            NodeError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REPLAYED));
    assertThatThrownBy(() -> journal(record(3, 7, key(3)), 300))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before deposit 2");
    assertThat(journal).hasSize(2);
  }

  @Test
  void aDepositCreditsTheAccountItNamesUnderItsKeyAndLaterOnesUnderTheSameKey() {
    journal(record(0, 5, key(1)), 100);
    assertThat(keys.key(5)).isEqualTo(key(1));
    assertThat(journal(record(1, 5, key(1)), 50).account()).isEqualTo(5);
  }

  @Test
  void aDepositThatCannotBeCreditedIsJournaledAsRefused() {
    journal(record(0, 5, key(1)), 100);
    // the account holds another key
    assertThat(journal(record(1, 5, key(2)), 1).account()).isEqualTo(L1Deposits.REFUSED);
    // the key already has another account
    assertThat(journal(record(2, 6, key(1)), 1).account()).isEqualTo(L1Deposits.REFUSED);
    // not a point of the curve
    assertThat(journal(record(3, 7, Fr.ofLong(1), Fr.ofLong(2)), 1).account())
        .isEqualTo(L1Deposits.REFUSED);
    // the identity is no key
    assertThat(journal(record(4, 8, Fr.ZERO, Fr.ONE), 1).account()).isEqualTo(L1Deposits.REFUSED);
    // the fund's account 0, and accounts past the sequencer's bound
    assertThat(journal(record(5, 0, key(3)), 1).account()).isEqualTo(L1Deposits.REFUSED);
    assertThat(journal(record(6, AccountKeys.MAX_ACCOUNTS, key(4)), 1).account())
        .isEqualTo(L1Deposits.REFUSED);
    assertThat(keys.size()).isEqualTo(1);
    assertThat(deposits.next()).isEqualTo(7);
  }

  @Test
  void aReplayOfTheJournalReachesTheSameDecisions() {
    journal(record(0, 5, key(1)), 100);
    journal(record(1, 5, key(2)), 1);
    journal(record(2, 6, key(3)), 1);
    AccountKeys replayedKeys = new AccountKeys();
    L1Deposits replayed = new L1Deposits(replayedKeys);
    journal.forEach(replayed::observe);
    assertThat(replayed.next()).isEqualTo(3);
    assertThat(replayed.lastBlock()).isEqualTo(12);
    assertThat(replayed.lastBlockHash()).isEqualTo(deposits.lastBlockHash()).endsWith("02");
    assertThat(replayedKeys.key(5)).isEqualTo(key(1));
    assertThat(replayedKeys.key(6)).isEqualTo(key(3));
    assertThatThrownBy(
            () ->
                replayed.before((d, p) -> d).admit(new Command.Deposit(6, 1), record(2, 6, key(3))))
        .isInstanceOf(NodeError.class);
  }
}
