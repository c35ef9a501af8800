package dev.sable.node.sequencing;

import dev.sable.sequencer.engine.CommandEffects;
import dev.sable.sequencer.engine.StateHashFeed;
import dev.sable.sequencer.engine.StateHasher;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The state hash off the sequencer's path: the sequencer hands over its commands' effects a run at
 * a time, queued {@link #GROUP} runs at once, and a thread of its own ({@code sable-state-hash})
 * feeds them to a {@link StateHasher}, so the hash is the one computed inline, command for command.
 * Asking for the hash queues the runs not yet queued and waits until all are hashed. A full queue
 * makes the sequencer wait, so the hashing never falls behind by more than {@link #QUEUED_RUNS}
 * runs. Hashed runs go back to the sequencer to be filled again ({@link #spare}), so recording
 * allocates nothing. If the hashing thread stops (closed, or a bug), the next hand-over that finds
 * the queue full, or request for the hash, throws.
 */
public final class BackgroundStateHasher implements StateHashFeed, AutoCloseable {
  static final int QUEUED_RUNS = 256;

  /**
   * Runs handed to the hashing thread at once: a hashing thread faster than the sequencer sleeps
   * between hand-overs, and waking it costs the sequencer a system call; in groups it pays one per
   * this many runs.
   */
  static final int GROUP = 8;

  private final StateHasher hasher;
  private final BlockingQueue<CommandEffects[]> queue =
      new ArrayBlockingQueue<>(QUEUED_RUNS / GROUP);
  private final Queue<CommandEffects> spares = new ConcurrentLinkedQueue<>();
  private final Thread thread;

  /** Runs accepted and not yet queued; the sequencer's thread only. */
  private final CommandEffects[] pending = new CommandEffects[GROUP];

  private int pendingCount;

  /** Groups handed over; written by the sequencer's thread only. */
  private long handedOver;

  // Written by the hashing thread under this object's lock.
  private long hashed;
  private byte[] latest;
  private boolean stopped;
  private RuntimeException failure;

  /** A hasher before the first command. */
  public BackgroundStateHasher() {
    this(new byte[32]);
  }

  /** A hasher continuing from the hash after some command (a restored snapshot's). */
  public BackgroundStateHasher(byte[] hash) {
    hasher = new StateHasher(hash);
    latest = hasher.hash();
    thread = new Thread(this::run, "sable-state-hash");
    thread.setDaemon(true);
    thread.start();
  }

  /** Called by the sequencer's thread only. */
  @Override
  public void accept(CommandEffects effects) {
    pending[pendingCount++] = effects;
    if (pendingCount == GROUP) {
      handOverPending();
    }
  }

  private void handOverPending() {
    if (pendingCount == 0) {
      return;
    }
    CommandEffects[] group = Arrays.copyOf(pending, pendingCount);
    Arrays.fill(pending, null);
    pendingCount = 0;
    try {
      while (!queue.offer(group, 100, TimeUnit.MILLISECONDS)) {
        checkRunning();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted handing effects to the state hash", e);
    }
    handedOver++;
  }

  /** A run already hashed, for the sequencer to fill again, or null. */
  @Override
  public CommandEffects spare() {
    return spares.poll();
  }

  /** Called by the sequencer's thread only: waits for every run handed over so far. */
  @Override
  public byte[] hash() {
    handOverPending(); // outside the lock: the hashing thread takes it to publish each group
    return awaitHashed();
  }

  private synchronized byte[] awaitHashed() {
    while (hashed < handedOver) {
      checkRunning();
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the state hash", e);
      }
    }
    return latest.clone();
  }

  private synchronized void checkRunning() {
    if (stopped) {
      throw new IllegalStateException("the state hash thread has stopped", failure);
    }
  }

  private void run() {
    try {
      while (true) {
        CommandEffects[] group = queue.take();
        for (CommandEffects run : group) {
          hasher.accept(run);
          spares.offer(run);
        }
        byte[] hash = hasher.hash();
        synchronized (this) {
          hashed++;
          latest = hash;
          notifyAll();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      synchronized (this) {
        failure = e;
      }
    } finally {
      synchronized (this) {
        stopped = true;
        notifyAll();
      }
    }
  }

  /** Stops the hashing thread; runs not yet hashed are dropped. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
