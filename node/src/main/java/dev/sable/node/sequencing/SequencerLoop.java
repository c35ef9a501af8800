package dev.sable.node.sequencing;

import dev.sable.node.journal.JournalEntry;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.engine.StateHashFeed;
import dev.sable.sequencer.engine.StateHasher;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.snapshot.EngineImage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: one thread ({@code sable-sequencer}) owns the {@link Sequencer} and applies
 * the journal's entries in sequence order. Everything that reads the sequencer's state (API
 * queries, the batch builder's reads) runs as a task on this same thread, between commands, so
 * nothing ever reads it half-changed and nothing else needs a lock. The thread does no I/O of its
 * own: listeners hand work to other threads, and the state hash is computed on a thread of its own
 * ({@link BackgroundStateHasher}).
 */
public final class SequencerLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SequencerLoop.class);

  /** The state hash's own thread, or null when the hash is computed on the applying thread. */
  private final BackgroundStateHasher hashingThread;

  private final Sequencer sequencer;
  private final List<CommandListener> listeners = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile long applied;
  private volatile boolean running = true;
  private volatile Throwable failure;

  public SequencerLoop() {
    this(null, null, 0);
  }

  /**
   * A loop whose sequencer continues from a snapshot taken after entry {@code sequence}: the
   * engine's image and its state hash then (null, null, 0: the start). The state hash is computed
   * on a thread of its own.
   */
  SequencerLoop(EngineImage image, byte[] stateHash, long sequence) {
    this(image, stateHash, sequence, true);
  }

  /**
   * A loop for a replica, which is never started (its caller applies the entries, already off the
   * node's path): the state hash is computed on the caller's thread too.
   */
  static SequencerLoop replica(EngineImage image, byte[] stateHash, long sequence) {
    return new SequencerLoop(image, stateHash, sequence, false);
  }

  private SequencerLoop(EngineImage image, byte[] stateHash, long sequence, boolean ownThread) {
    byte[] start = stateHash == null ? new byte[32] : stateHash;
    this.hashingThread = ownThread ? new BackgroundStateHasher(start) : null;
    StateHashFeed hashing = ownThread ? hashingThread : new StateHasher(start);
    this.sequencer =
        image == null
            ? new Sequencer(ArrayOrderBook::new, EventSink.DISCARD, hashing)
            : Sequencer.restore(image, hashing, ArrayOrderBook::new, EventSink.DISCARD);
    this.applied = sequence;
    this.thread = new Thread(this::run, "sable-sequencer");
    this.thread.setDaemon(true);
  }

  public void addListener(CommandListener listener) {
    listeners.add(listener);
  }

  /** Registers the applied-sequence and lag gauges; journaled is the journal's last sequence. */
  public void registerMetrics(MeterRegistry metrics, LongSupplier journaled) {
    Gauge.builder("sable.sequencer.applied", this, l -> l.applied)
        .description("sequence number of the last command applied")
        .register(metrics);
    Gauge.builder("sable.sequencer.lag", this, l -> journaled.getAsLong() - l.applied)
        .description("journaled commands not yet applied by the sequencer")
        .register(metrics);
  }

  /**
   * Applies entries on the calling thread, before {@link #start}: the replay of the journal tail at
   * startup.
   */
  public void replay(JournalEntry entry) {
    if (thread.isAlive()) {
      throw new IllegalStateException("replay only before the loop starts");
    }
    apply(entry);
  }

  public void start() {
    thread.start();
  }

  /** Queues journaled entries (from the journal's thread, already durable, in order). */
  public void enqueue(List<JournalEntry> entries) {
    work.add(() -> entries.forEach(this::apply));
  }

  /** Runs a read (or a snapshot) on the sequencer's thread between two commands. */
  public <T> CompletableFuture<T> query(Function<Sequencer, T> read) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (!running) {
      result.completeExceptionally(new IllegalStateException("the sequencer is stopped"));
      return result;
    }
    work.add(
        () -> {
          try {
            result.complete(read.apply(sequencer));
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  /** The sequence number of the last applied command. */
  public long appliedSequence() {
    return applied;
  }

  public Throwable failure() {
    return failure;
  }

  private void apply(JournalEntry entry) {
    if (thread.isAlive() && Thread.currentThread() != thread) {
      throw new IllegalStateException("only sable-sequencer applies commands once the loop runs");
    }
    if (entry.sequence() != applied + 1) {
      throw new IllegalStateException(
          "entry " + entry.sequence() + " applied after " + applied + ": the journal has a gap");
    }
    sequencer.apply(entry.command());
    // The events as the state hash recorded them: recorded once, not also into a list of our own.
    List<Event> view = sequencer.lastEvents();
    applied = entry.sequence();
    for (CommandListener l : listeners) {
      l.applied(entry, view, sequencer);
    }
  }

  Sequencer sequencer() {
    return sequencer;
  }

  /**
   * Reads the engine's state before the loop starts (on the thread that builds the node, then its
   * only user), e.g. what a snapshot restored.
   *
   * @throws IllegalStateException once the loop runs (then only {@link #query})
   */
  public <T> T readBeforeStart(Function<Sequencer, T> read) {
    if (thread.isAlive()) {
      throw new IllegalStateException("the sequencer runs: read it with query");
    }
    return read.apply(sequencer);
  }

  private void run() {
    try {
      while (running) {
        Runnable task = work.poll(100, TimeUnit.MILLISECONDS);
        if (task != null) {
          task.run();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // An exception inside the sequencer is a bug (docs/sequencer.md, Bounds): stop applying, so
      // the state is never built on a half-applied command; the journal still holds everything.
      failure = e;
      LOG.error("sequencer stopped at entry {}: {}", applied + 1, e.toString());
    }
    running = false;
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (hashingThread != null) {
      hashingThread.close();
    }
  }
}
