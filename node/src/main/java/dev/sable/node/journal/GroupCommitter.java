package dev.sable.node.journal;

import dev.sable.sequencer.command.Command;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread ({@code sable-journal}) owns the journal's tail. It takes every
 * submission waiting (up to {@link #MAX_BATCH}), asks the {@link Gate} about each in order, numbers
 * the admitted ones, writes them in one synced RocksDB batch, and only then completes their futures
 * with their sequence numbers and hands them to the sequencer. So an acknowledgement always follows
 * the fsync, and one fsync (a couple of milliseconds here) covers every order that arrived
 * meanwhile.
 */
public final class GroupCommitter implements AutoCloseable {
  public static final int MAX_BATCH = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  /** Decides on each submission, in journal order, on the committer's thread. */
  @FunctionalInterface
  public interface Gate {
    /**
     * The command to journal for this submission (the draft, or the draft completed, e.g. with a
     * new account's index); throw to refuse it (the exception fails the submission's future).
     */
    Command admit(Command draft, Provenance provenance);
  }

  /** Thrown into a submission's future when the queue is full or the committer has stopped. */
  public static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  private record Submission(
      Command draft, Provenance provenance, CompletableFuture<Long> done, long enqueuedNanos) {}

  private final Journal journal;
  private final Gate gate;
  private final Consumer<List<JournalEntry>> downstream;
  private final BlockingQueue<Submission> queue;
  private final Thread thread;
  private final Timer syncTime;
  private final DistributionSummary batchSize;
  private final Timer queueWait;
  private volatile boolean running = true;
  private volatile Throwable failure;

  public GroupCommitter(
      Journal journal,
      Gate gate,
      Consumer<List<JournalEntry>> downstream,
      int capacity,
      MeterRegistry metrics) {
    this.journal = journal;
    this.gate = gate;
    this.downstream = downstream;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.syncTime =
        Timer.builder("sable.journal.sync")
            .description("time of one synced journal write (group commit)")
            .publishPercentiles(0.5, 0.99)
            .register(metrics);
    this.batchSize =
        DistributionSummary.builder("sable.journal.batch.size")
            .description("entries per synced journal write")
            .publishPercentiles(0.5, 0.99)
            .register(metrics);
    this.queueWait =
        Timer.builder("sable.journal.queue.wait")
            .description("time a submission waits for its group commit to start")
            .publishPercentiles(0.5, 0.99)
            .register(metrics);
    this.thread = new Thread(this::run, "sable-journal");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /**
   * Queues a command for the journal. The future completes with its sequence number once it is
   * durable, or fails: the gate refused it, the queue is full ({@link Unavailable}), or the journal
   * failed.
   */
  public CompletableFuture<Long> submit(Command draft, Provenance provenance) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    if (!running) {
      done.completeExceptionally(new Unavailable("the journal is stopped"));
    } else if (!queue.offer(new Submission(draft, provenance, done, System.nanoTime()))) {
      done.completeExceptionally(new Unavailable("the journal queue is full"));
    }
    return done;
  }

  /** The failure that stopped the committer, or null while it runs. */
  public Throwable failure() {
    return failure;
  }

  private void run() {
    List<Submission> taken = new ArrayList<>(MAX_BATCH);
    List<Submission> admitted = new ArrayList<>(MAX_BATCH);
    List<JournalEntry> entries = new ArrayList<>(MAX_BATCH);
    try {
      while (running) {
        Submission first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        taken.add(first);
        queue.drainTo(taken, MAX_BATCH - 1);
        commit(taken, admitted, entries);
        taken.clear();
        admitted.clear();
        entries.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e;
      running = false;
      LOG.error("journal stopped: {}", e.toString());
      for (Submission s : taken) {
        s.done().completeExceptionally(e);
      }
    }
    drainRefusing();
  }

  private void commit(
      List<Submission> taken, List<Submission> admitted, List<JournalEntry> entries) {
    long now = System.nanoTime();
    long seq = journal.lastSequence();
    for (Submission s : taken) {
      queueWait.record(now - s.enqueuedNanos(), TimeUnit.NANOSECONDS);
      Command command;
      try {
        command = gate.admit(s.draft(), s.provenance());
      } catch (RuntimeException refused) {
        s.done().completeExceptionally(refused);
        continue;
      }
      admitted.add(s);
      entries.add(new JournalEntry(++seq, command, s.provenance()));
    }
    if (entries.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    journal.append(entries);
    syncTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    batchSize.record(entries.size());
    downstream.accept(List.copyOf(entries));
    for (int i = 0; i < admitted.size(); i++) {
      admitted.get(i).done().complete(entries.get(i).sequence());
    }
  }

  private void drainRefusing() {
    Submission s;
    while ((s = queue.poll()) != null) {
      s.done().completeExceptionally(new Unavailable("the journal is stopped"));
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drainRefusing();
  }
}
