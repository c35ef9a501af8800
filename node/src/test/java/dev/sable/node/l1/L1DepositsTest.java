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
import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The journal's rules for L1 deposits: each queue index once and in order, and the key bound to the
 * account it names exactly when the sequencer's key rule credits the deposit.
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
  void journal(Provenance.L1Deposit d) {
    Command draft = new Command.Deposit((int) d.account(), 100, AccountKey.NONE);
    Command c = deposits.before((x, p) -> x).admit(draft, d);
    assertThat(c).isSameAs(draft);
    journal.add(new JournalEntry(journal.size() + 1, c, d));
  }

  @Test
  void eachQueueIndexIsJournaledOnceAndInOrder() {
    journal(record(0, 5, key(1)));
    journal(record(1, 9, key(2)));
    assertThat(deposits.queue().next()).isEqualTo(2);
    assertThat(deposits.queue().lastBlock()).isEqualTo(11);
    assertThatThrownBy(() -> journal(record(1, 9, key(2))))
        .isInstanceOfSatisfying(
            NodeError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REPLAYED));
    assertThatThrownBy(() -> journal(record(3, 7, key(3))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before L1 deposit 2");
    assertThat(journal).hasSize(2);
    deposits.queue().settled(7); // a restart from a snapshot: the settlement state consumed 7
    assertThat(deposits.queue().next()).isEqualTo(7);
  }

  @Test
  void aKeyIsBoundToItsAccountWhenTheSequencerWouldCreditIt() {
    journal(record(0, 5, key(1)));
    assertThat(keys.key(5)).isEqualTo(key(1));
    journal(record(1, 5, key(2))); // the account holds another key: refused by the sequencer
    assertThat(keys.key(5)).isEqualTo(key(1));
    journal(record(2, 6, key(1))); // a key may hold several accounts
    assertThat(keys.key(6)).isEqualTo(key(1));
    assertThat(keys.indexOf(key(1))).as("its first").isEqualTo(5);
    journal(record(3, 7, Fr.ofLong(1), Fr.ofLong(2))); // not a point of the curve
    journal(record(4, 8, Fr.ZERO, Fr.ONE)); // the identity is no key
    journal(record(5, 0, key(3))); // the fund's account
    journal(record(6, AccountKeys.MAX_ACCOUNTS, key(4))); // past the sequencer's bound
    assertThat(keys.key(7)).isNull();
    assertThat(keys.key(8)).isNull();
    assertThat(keys.key(0)).isNull();
    assertThat(keys.key(AccountKeys.MAX_ACCOUNTS)).isNull();
    assertThat(deposits.queue().next()).isEqualTo(7);
  }

  @Test
  void aReplayOfTheJournalReachesTheSameKeysAndPosition() {
    journal(record(0, 5, key(1)));
    journal(record(1, 5, key(2)));
    journal(record(2, 6, key(3)));
    AccountKeys replayedKeys = new AccountKeys();
    L1Deposits replayed = new L1Deposits(replayedKeys);
    journal.forEach(replayed::observe);
    assertThat(replayed.queue().next()).isEqualTo(3);
    assertThat(replayed.queue().lastBlock()).isEqualTo(12);
    assertThat(replayed.queue().lastBlockHash())
        .isEqualTo(deposits.queue().lastBlockHash())
        .endsWith("02");
    assertThat(replayedKeys.key(5)).isEqualTo(key(1));
    assertThat(replayedKeys.key(6)).isEqualTo(key(3));
    assertThatThrownBy(
            () ->
                replayed
                    .before((d, p) -> d)
                    .admit(new Command.Deposit(6, 1, AccountKey.NONE), record(2, 6, key(3))))
        .isInstanceOf(NodeError.class);
  }
}
