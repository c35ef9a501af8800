package dev.sable.node.sequencing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.node.intake.AccountKeys;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.NodeSnapshot;
import dev.sable.node.journal.Provenance;
import dev.sable.node.l1.L1Deposits;
import dev.sable.node.l1.L1Position;
import dev.sable.node.l1.L1Requests;
import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A snapshot of a replica restores to a replica that snapshots to the same bytes and goes on alike,
 * the L1 block of the last journaled deposit included.
 */
class ReplicaTest {
  @Test
  void aRestoredReplicaIsTheReplicaItWasTakenOf() {
    List<JournalEntry> day = SequencerLoopTest.entries(SequencerLoopTest.tradingDay());
    Replica original = Replica.fresh(null);
    day.subList(0, 8).forEach(original::apply);
    NodeSnapshot s = original.snapshot();
    Replica restored = Replica.of(s, null);
    assertThat(restored.sequence()).isEqualTo(8);
    assertThat(restored.snapshot()).usingRecursiveComparison().isEqualTo(s);
    original.apply(day.get(8));
    restored.apply(day.get(8));
    assertThat(restored.snapshot()).usingRecursiveComparison().isEqualTo(original.snapshot());
  }

  @Test
  void theSnapshotHoldsTheBlockOfTheLastJournaledDeposit() {
    byte[] hash = new byte[32];
    hash[3] = 7;
    JournalEntry deposit =
        new JournalEntry(
            1,
            new Command.Deposit(5, 1_000, AccountKey.INVALID),
            new Provenance.L1Deposit(
                0, 5, new byte[20], new byte[32], new byte[32], new byte[32], 41, hash));
    Replica original = Replica.fresh(null);
    original.apply(deposit);
    NodeSnapshot s = original.snapshot();
    AccountKeys keys = new AccountKeys();
    L1Deposits deposits = new L1Deposits(keys);
    L1Requests requests = new L1Requests(keys);
    L1Position.restore(s.l1(), deposits, requests);
    assertThat(deposits.queue().lastBlock()).isEqualTo(41);
    assertThat(deposits.queue().lastBlockHash())
        .isEqualTo(java.util.HexFormat.of().formatHex(hash));
    assertThat(requests.queue().lastBlock()).isEqualTo(-1);
    assertThat(Replica.of(s, null).snapshot().l1()).isEqualTo(s.l1());
  }
}
