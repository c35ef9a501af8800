package dev.sable.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.BatchBuilder;
import dev.sable.batch.Capacities;
import dev.sable.batch.SettlementBatch;
import dev.sable.node.intake.AccountKeys;
import dev.sable.node.intake.IntakeGate;
import dev.sable.node.intake.MarketCatalog;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.JournalException;
import dev.sable.node.journal.NodeSnapshot;
import dev.sable.node.journal.SnapshotStore;
import dev.sable.node.sequencing.AccountFeed;
import dev.sable.node.sequencing.MarketData;
import dev.sable.node.sequencing.Publisher;
import dev.sable.node.sequencing.Replica;
import dev.sable.node.sequencing.SequencerLoop;
import dev.sable.state.settlement.SettlementState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With L1 batches on, a node restarted from a snapshot (taken by the snapshotter's replica after
 * any journal entry, written and read back as a file) and the journal after it seals exactly the
 * batches a replay from genesis seals, whatever L1 held when it stopped: a snapshot taken while a
 * batch is open, and a kill between a batch's seal and its acceptance on L1 (the settlement state
 * holds fewer batches than were sealed) included. A snapshot whose batcher sealed a batch L1 does
 * not hold yet is not written (it would lose that batch).
 */
class SnapshotBatchesTest {
  @TempDir Path dir;

  static SequencerBatches source() {
    return new SequencerBatches(
        Capacities.TINY, SettlementGenesis.view(SequencerBatchesTest.markets()), 2_000);
  }

  /** The snapshot the replica takes after the first {@code cut} entries, through a file. */
  NodeSnapshot snapshotAfter(List<JournalEntry> entries, int cut, Path at) {
    Replica replica = Replica.fresh(source().counting());
    entries.subList(0, cut).forEach(replica::apply);
    SnapshotStore store = new SnapshotStore(at);
    store.write(replica.snapshot());
    return store.latest().orElseThrow();
  }

  /** A restart as the node does it: the snapshot restored, the journal after it replayed. */
  static SequencerBatches restart(NodeSnapshot snapshot, List<JournalEntry> entries) {
    SequencerBatches source = source();
    try (SequencerLoop loop =
        Replica.restore(
            snapshot,
            new IntakeGate(new AccountKeys()),
            new AccountFeed(Publisher.NONE),
            new MarketData(Publisher.NONE, new MarketCatalog()),
            source)) {
      loop.addListener(source);
      entries.subList((int) snapshot.sequence(), entries.size()).forEach(loop::replay);
    }
    return source;
  }

  /** A settlement state holding the first {@code held} batches (what L1 accepted). */
  static SettlementState holding(List<SettlementBatch> batches, int held) {
    SettlementState state = SequencerBatchesTest.genesis();
    BatchBuilder builder = new BatchBuilder(Capacities.TINY);
    for (SettlementBatch b : batches.subList(0, held)) {
      state.commit(builder.build(state, b).change());
    }
    return state;
  }

  @Test
  void aRestartFromASnapshotAfterAnyEntrySealsTheBatchesAReplayFromGenesisSeals() {
    List<JournalEntry> entries = SequencerBatchesTest.trading().entries;
    SequencerBatches whole = SequencerBatchesTest.replay(entries);
    List<SettlementBatch> fromGenesis =
        SequencerBatchesTest.buildAll(whole, SequencerBatchesTest.genesis());
    assertThat(fromGenesis).hasSize(2);
    SettlementState end = holding(fromGenesis, fromGenesis.size());

    for (int cut = 1; cut <= entries.size(); cut++) {
      Path at = dir.resolve("cut-" + cut);
      NodeSnapshot snapshot = snapshotAfter(entries, cut, at);
      long sealedBefore = sealedAfter(entries, cut);
      for (int held = (int) sealedBefore; held <= fromGenesis.size(); held++) {
        SettlementState state = holding(fromGenesis, held);
        List<SettlementBatch> again =
            SequencerBatchesTest.buildAll(restart(snapshot, entries), state);
        assertThat(again)
            .as("snapshot after entry %d, L1 holding %d batches", cut, held)
            .isEqualTo(fromGenesis.subList(held, fromGenesis.size()));
        assertThat(state.root()).isEqualTo(end.root());
      }
    }
  }

  /**
   * After entry 5 (a price and two deposits) nothing is sealed yet and the first batch holds them:
   * a snapshot there holds an open batch; entry 10 (the second fill: Tiny holds one) seals batch 1,
   * so a kill after it with L1 holding none is the restart above from any snapshot before entry 10
   * (the one after entry 10 is not written then: {@link #noSnapshotWhileABatchItSealedIsNotOnL1}).
   */
  @Test
  void theCutsIncludeAnOpenBatchAndABatchSealedButNotOnL1() {
    List<JournalEntry> entries = SequencerBatchesTest.trading().entries;
    List<SettlementBatch> fromGenesis =
        SequencerBatchesTest.buildAll(
            SequencerBatchesTest.replay(entries), SequencerBatchesTest.genesis());
    assertThat(sealedAfter(entries, 5)).isZero();
    assertThat(fromGenesis.get(0).deposits()).hasSize(2);
    assertThat(fromGenesis.get(0).prices()).isNotEmpty();
    assertThat(sealedAfter(entries, 9)).isZero();
    assertThat(sealedAfter(entries, 10)).isEqualTo(1);
  }

  /** The replica does not offer a snapshot whose batcher sealed a batch L1 does not hold. */
  @Test
  void noSnapshotWhileABatchItSealedIsNotOnL1() {
    List<JournalEntry> entries = SequencerBatchesTest.trading().entries;
    Replica replica = Replica.fresh(source().counting());
    entries.forEach(replica::apply);
    assertThat(replica.snapshotFits(1)).isFalse();
    assertThat(replica.snapshotFits(2)).isTrue();
  }

  @Test
  void aBatchesSectionThatIsNotOneIsRefused() {
    List<JournalEntry> entries = SequencerBatchesTest.trading().entries;
    NodeSnapshot good = snapshotAfter(entries, 6, dir);
    byte[] cut = java.util.Arrays.copyOf(good.batches(), good.batches().length - 1);
    NodeSnapshot bad =
        new NodeSnapshot(
            good.sequence(),
            good.stateHash(),
            good.engine(),
            good.gate(),
            good.fills(),
            good.trades(),
            cut,
            good.l1());
    assertThatThrownBy(() -> restart(bad, entries))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("batches");
  }

  /**
   * An attack through the snapshot: a resting order's terms changed in the batches section (its
   * price; the file's checksum recomputed, as by someone who can write the data directory). The
   * restarted node's batch with that order's fill is refused by the builder: the signature does not
   * cover the changed terms, so no snapshot can make a batch carry an order its owner did not sign.
   */
  @Test
  void aRestingOrderChangedInTheSnapshotReachesNoBatchTheBuilderAccepts() {
    List<JournalEntry> entries = SequencerBatchesTest.trading().entries;
    NodeSnapshot good = snapshotAfter(entries, 7, dir); // alice's bid rests, not filled yet
    byte[] batches = good.batches().clone();
    // count (8) | format (1), sealed time (8), requests served (8), next deposit and request
    // queue indices (8 each), orders (8), order id (8), account, market, client id, side, type
    // (8 each) | price
    int price = 8 + 1 + 8 + 8 + 8 + 8 + 8 + 8 + 5 * 8;
    assertThat(java.nio.ByteBuffer.wrap(batches, price, 8).getLong()).isEqualTo(3_000);
    java.nio.ByteBuffer.wrap(batches, price, 8).putLong(3_001);
    NodeSnapshot forged =
        new NodeSnapshot(
            good.sequence(),
            good.stateHash(),
            good.engine(),
            good.gate(),
            good.fills(),
            good.trades(),
            batches,
            good.l1());
    SequencerBatches source = restart(forged, entries);
    SettlementState state = SequencerBatchesTest.genesis();
    SettlementBatch first = source.next(state).orElseThrow().batch();
    assertThat(first.trades()).hasSize(1);
    assertThat(first.trades().get(0).maker().order().price()).isEqualTo(3_001);
    assertThatThrownBy(() -> new BatchBuilder(Capacities.TINY).build(state, first))
        .isInstanceOfSatisfying(
            dev.sable.batch.SettlementRuleException.class,
            e -> assertThat(e.breaks(dev.sable.batch.Rule.ORDER_SIGNATURE)).isTrue());
    assertThat(state.batchNumber()).isZero();
  }

  private static long sealedAfter(List<JournalEntry> entries, int cut) {
    return SequencerBatchesTest.replay(entries.subList(0, cut)).sealedCount();
  }
}
