package dev.sable.node.sequencing;

import dev.sable.node.journal.Journal;
import dev.sable.node.journal.NodeSnapshot;
import dev.sable.node.journal.SnapshotStore;
import dev.sable.node.pipeline.SequencerBatches;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots in the background (thread {@code sable-snapshot}): every {@code intervalMs} it brings
 * its {@link Replica} up to the journal's end, reading the journal (the live sequencer is never
 * asked for anything, so it never pauses), and once {@code minEntries} entries have passed since
 * the last snapshot it writes one ({@link SnapshotStore}), keeps the newest {@code keep} and, if
 * {@code pruneJournal}, deletes the journal entries older than the oldest snapshot kept. It never
 * goes past the retention floor, the first entry the batch pipeline may still need (one whose
 * effects L1 does not hold yet): no snapshot is taken after it and no entry from it on is pruned;
 * with L1 batches the replica runs the batcher too, and a snapshot is written only where every
 * batch it sealed is on L1 ({@link Batches}). A failure is logged and counted; the replica is
 * rebuilt from the newest snapshot and the next round tries again (the journal still holds
 * everything).
 */
public final class Snapshotter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);

  /** How often, how many entries at least, how many files to keep, whether to prune. */
  public record Settings(long intervalMs, long minEntries, int keep, boolean pruneJournal) {}

  /**
   * What the batch pipeline asks of snapshots (docs/node.md, "Snapshots"): the replica's batch
   * source ({@code SequencerBatches.counting()} of the node's, a new one per replica), the
   * retention floor (the first entry the pipeline may still need) and how many batches the
   * settlement state holds (a snapshot is written only once L1 holds every batch its batcher
   * sealed).
   */
  public record Batches(
      Supplier<SequencerBatches> source, LongSupplier retentionFloor, LongSupplier held) {
    /** A node without L1 batches: no batch source, no floor. */
    public static final Batches NONE = new Batches(() -> null, () -> Long.MAX_VALUE, () -> 0);
  }

  private final Journal journal;
  private final SnapshotStore store;
  private final Settings settings;
  private final Batches batches;
  private final Thread thread;
  private final Timer writeTime;
  private final DistributionSummary size;
  private final Counter failures;
  private NodeSnapshot start;
  private Replica replica;
  private volatile long lastWritten;
  private boolean running = true; // guarded by this

  /**
   * @param start the snapshot the node started from (null: none), which the replica starts from
   */
  public Snapshotter(
      Journal journal,
      SnapshotStore store,
      NodeSnapshot start,
      Settings settings,
      Batches batches,
      MeterRegistry metrics) {
    this.journal = journal;
    this.store = store;
    this.start = start;
    this.settings = settings;
    this.batches = batches;
    this.lastWritten = start == null ? 0 : start.sequence();
    this.thread = new Thread(this::run, "sable-snapshot");
    this.thread.setDaemon(true);
    this.writeTime =
        Timer.builder("sable.snapshot.write")
            .description("taking and writing one snapshot (off the sequencer's thread)")
            .register(metrics);
    this.size =
        DistributionSummary.builder("sable.snapshot.bytes")
            .description("size of the snapshot files written")
            .register(metrics);
    this.failures =
        Counter.builder("sable.snapshot.failures")
            .description("snapshot rounds that failed (retried at the next interval)")
            .register(metrics);
    Gauge.builder("sable.snapshot.sequence", this, s -> s.lastWritten)
        .description("journal entry of the newest snapshot")
        .register(metrics);
  }

  public void start() {
    thread.start();
  }

  /** The journal entry of the newest snapshot written (or started from). */
  public long lastWritten() {
    return lastWritten;
  }

  private void run() {
    while (pause()) {
      try {
        round();
      } catch (RuntimeException e) {
        failures.increment();
        LOG.warn("snapshot round failed: {}", e.toString());
        replica = null; // rebuilt from the newest snapshot next round
        start = store.latest().orElse(null);
      }
    }
  }

  /** Waits for the next round; false once closed (a round in progress is finished first). */
  private synchronized boolean pause() {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.intervalMs());
    long left;
    while (running && (left = until - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return running;
  }

  /** One round: catch up with the journal, then snapshot if enough has happened. */
  void round() {
    if (replica == null) {
      SequencerBatches source = batches.source().get();
      replica = start == null ? Replica.fresh(source) : Replica.of(start, source);
      start = null;
    }
    // never past the entries the batch pipeline still needs: a restart replays those through the
    // live sequencer, which hands their transfers to the pipeline again
    journal.replay(replica.sequence(), batches.retentionFloor().getAsLong() - 1, replica::apply);
    if (replica.sequence() - lastWritten < Math.max(1, settings.minEntries())
        || !replica.snapshotFits(batches.held().getAsLong())) {
      return;
    }
    long begin = System.nanoTime();
    NodeSnapshot s = replica.snapshot();
    size.record(store.write(s));
    writeTime.record(System.nanoTime() - begin, TimeUnit.NANOSECONDS);
    lastWritten = s.sequence();
    long oldestKept = store.prune(settings.keep());
    if (settings.pruneJournal()) {
      journal.pruneBefore(Math.min(oldestKept, batches.retentionFloor().getAsLong()));
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      running = false;
      notifyAll();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
