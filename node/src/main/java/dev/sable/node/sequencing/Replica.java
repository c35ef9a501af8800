package dev.sable.node.sequencing;

import dev.sable.node.intake.AccountKeys;
import dev.sable.node.intake.IntakeGate;
import dev.sable.node.intake.MarketCatalog;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.NodeSnapshot;
import dev.sable.node.l1.L1Deposits;
import dev.sable.node.l1.L1Position;
import dev.sable.node.l1.L1Requests;
import dev.sable.node.pipeline.SequencerBatches;
import dev.sable.sequencer.codec.SnapshotCodec;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.snapshot.EngineImage;

/**
 * A copy of the node's replayable state, fed from the journal on one thread of its own (the
 * snapshotter's): the sequencer, intake's gate, the feeds' recent fills and trades and the L1
 * blocks of the last journaled deposit and forced request ({@link L1Position}), exactly as the live
 * node holds them at the same journal position. Snapshots are taken of it, so the live sequencer
 * never pauses for one. {@link #restore} is the one way a snapshot comes back, for the live node at
 * start and for a replica alike.
 */
public final class Replica {
  private final SequencerLoop loop; // never started: entries are applied on the caller's thread
  private final IntakeGate gate;
  private final AccountFeed feed;
  private final MarketData markets;
  private final SequencerBatches batches; // null without L1 batches
  private final L1Deposits deposits;
  private final L1Requests requests;

  private Replica(
      SequencerLoop loop,
      Gate gate,
      AccountFeed feed,
      MarketData markets,
      SequencerBatches batches) {
    this.loop = loop;
    this.gate = gate.intake;
    this.deposits = gate.deposits;
    this.requests = gate.requests;
    this.feed = feed;
    this.markets = markets;
    this.batches = batches;
    loop.addListener(feed);
    loop.addListener(markets);
    if (batches != null) {
      loop.addListener(batches);
    }
  }

  /**
   * The state before the journal's first entry.
   *
   * @param batches a fresh batch source ({@code SequencerBatches.counting()}), or null without L1
   *     batches
   */
  public static Replica fresh(SequencerBatches batches) {
    return new Replica(SequencerLoop.replica(null, null, 0), gate(), feed(), markets(), batches);
  }

  /** The state a snapshot holds (with {@code batches} as in {@link #fresh}). */
  public static Replica of(NodeSnapshot snapshot, SequencerBatches batches) {
    Gate gate = gate();
    AccountFeed feed = feed();
    MarketData markets = markets();
    EngineImage image = restoreParts(snapshot, gate.intake, feed, markets);
    L1Position.restore(snapshot.l1(), gate.deposits, gate.requests);
    SequencerLoop loop = SequencerLoop.replica(image, snapshot.stateHash(), snapshot.sequence());
    if (batches != null) {
      batches.restore(snapshot.batches(), loop.sequencer().state());
    }
    return new Replica(loop, gate, feed, markets, batches);
  }

  /** Intake's gate and the journal's L1 queues, over one table of account keys. */
  private record Gate(IntakeGate intake, L1Deposits deposits, L1Requests requests) {}

  private static Gate gate() {
    AccountKeys keys = new AccountKeys();
    return new Gate(new IntakeGate(keys), new L1Deposits(keys), new L1Requests(keys));
  }

  private static AccountFeed feed() {
    return new AccountFeed(Publisher.NONE);
  }

  private static MarketData markets() {
    return new MarketData(Publisher.NONE, new MarketCatalog());
  }

  /**
   * Restores a snapshot into fresh parts (a gate, feeds not yet listening to a loop, and with L1
   * batches the batch source) and returns the sequencer loop that continues from it; the journal
   * after {@code snapshot.sequence()} is then to be replayed into all of them.
   */
  public static SequencerLoop restore(
      NodeSnapshot snapshot,
      IntakeGate gate,
      AccountFeed feed,
      MarketData markets,
      SequencerBatches batches) {
    EngineImage image = restoreParts(snapshot, gate, feed, markets);
    SequencerLoop loop = new SequencerLoop(image, snapshot.stateHash(), snapshot.sequence());
    if (batches != null) {
      batches.restore(snapshot.batches(), loop.sequencer().state());
    }
    return loop;
  }

  /** Restores the gate and the feeds; returns the engine's image. */
  private static EngineImage restoreParts(
      NodeSnapshot snapshot, IntakeGate gate, AccountFeed feed, MarketData markets) {
    EngineImage image = SnapshotCodec.decode(snapshot.engine());
    gate.restore(snapshot.gate());
    feed.restore(snapshot.fills());
    markets.restore(
        snapshot.trades(), image.markets().stream().map(EngineImage.MarketImage::spec).toList());
    return image;
  }

  /** Applies the next journal entry. */
  public void apply(JournalEntry entry) {
    gate.observe(entry);
    deposits.observe(entry);
    requests.observe(entry);
    loop.replay(entry);
  }

  /** The sequence number of the last entry applied. */
  public long sequence() {
    return loop.appliedSequence();
  }

  /**
   * Whether a snapshot now may be restored by a node whose settlement state holds {@code held}
   * batches (always, without L1 batches; {@code SequencerBatches.snapshotFits}).
   */
  public boolean snapshotFits(long held) {
    return batches == null || batches.snapshotFits(held);
  }

  /** The state now, encoded by its owners. */
  public NodeSnapshot snapshot() {
    Sequencer s = loop.sequencer();
    return new NodeSnapshot(
        sequence(),
        s.stateHash(),
        SnapshotCodec.encode(s.image()),
        gate.snapshot(),
        feed.snapshot(),
        markets.snapshot(),
        batches == null ? new byte[0] : batches.snapshot(),
        L1Position.snapshot(deposits, requests));
  }
}
