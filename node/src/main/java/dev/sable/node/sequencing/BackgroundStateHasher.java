package dev.sable.node.sequencing;

import dev.sable.sequencer.engine.CommandEffects;
import dev.sable.sequencer.engine.StateHashFeed;
import dev.sable.sequencer.engine.StateHasher;
import java.util.concurrent.locks.LockSupport;

/**
 * The state hash off the sequencer's path: the sequencer hands over its commands' effects a run at
 * a time into a ring, and a thread of its own ({@code sable-state-hash}) feeds them to a {@link
 * StateHasher}, so the hash is the one computed inline, command for command. Asking for the hash
 * waits until every run handed over is hashed. A full ring makes the sequencer wait, so the hashing
 * never falls behind by more than {@link #QUEUED_RUNS} runs. If the hashing thread stops (closed,
 * or a bug), the next hand-over that finds the ring full, or request for the hash, throws.
 *
 * <p>What the hand-over costs the sequencer's thread is kept small (docs/sequencer.md, "State hash
 * and determinism"): hashed runs go back to the sequencer to be filled again ({@link #spare}), the
 * most recently hashed first, so recording allocates nothing and writes into the few runs still in
 * its caches (the ones a lagging hashing thread made it add stay cold at the bottom); one volatile
 * store publishes a run, no lock and no node allocated; the hashing thread is woken only when it is
 * parked and {@link #WAKE_AFTER} runs wait; and the two threads' counters are on cache lines of
 * their own.
 */
public final class BackgroundStateHasher implements StateHashFeed, AutoCloseable {
  static final int QUEUED_RUNS = 256;

  private static final int MASK = QUEUED_RUNS - 1;

  /** Runs waiting before a parked hashing thread is woken (each wake-up a system call). */
  static final int WAKE_AFTER = 8;

  /**
   * A counter and a flag on a cache line of their own, written by one thread: the other thread's
   * writes then never take the line away from it.
   */
  @SuppressWarnings("unused") // p and q are padding
  private static final class Line {
    long p1, p2, p3, p4, p5, p6, p7;
    volatile long count;
    volatile boolean flag;
    long q1, q2, q3, q4, q5, q6, q7;
  }

  private final StateHasher hasher;
  private final CommandEffects[] ring = new CommandEffects[QUEUED_RUNS];
  private final Thread thread;

  /** Runs handed over; flag: the sequencer waits for the hash. Written by the sequencer only. */
  private final Line handedOver = new Line();

  /** Runs hashed; flag: the hashing thread is parked. Written by the hashing thread only. */
  private final Line hashed = new Line();

  // The sequencer's thread only: hashed runs taken from the ring, and those not yet filled again.
  private long reclaimed;
  private final CommandEffects[] spares = new CommandEffects[QUEUED_RUNS];
  private int spareCount;

  private volatile boolean closed;
  private volatile boolean stopped;
  private volatile RuntimeException failure;

  /** A hasher before the first command. */
  public BackgroundStateHasher() {
    this(new byte[32]);
  }

  /** A hasher continuing from the hash after some command (a restored snapshot's). */
  public BackgroundStateHasher(byte[] hash) {
    hasher = new StateHasher(hash);
    thread = new Thread(this::run, "sable-state-hash");
    thread.setDaemon(true);
    thread.start();
  }

  /** Called by the sequencer's thread only. */
  @Override
  public void accept(CommandEffects effects) {
    long n = handedOver.count;
    while (n - hashed.count >= QUEUED_RUNS) {
      checkRunning();
      LockSupport.parkNanos(50_000);
    }
    reclaimed = Math.max(reclaimed, n - MASK); // a run never taken back is left to the GC
    ring[(int) n & MASK] = effects;
    handedOver.count = n + 1; // a full fence: the flag read below sees a park begun before it
    if (hashed.flag && n + 1 - hashed.count >= WAKE_AFTER) {
      LockSupport.unpark(thread);
    }
  }

  /** The run hashed most recently and not yet filled again, or null. */
  @Override
  public CommandEffects spare() {
    for (long done = hashed.count; reclaimed < done; reclaimed++) {
      if (spareCount < spares.length) {
        spares[spareCount++] = ring[(int) reclaimed & MASK];
      }
    }
    if (spareCount == 0) {
      return null;
    }
    CommandEffects run = spares[--spareCount];
    spares[spareCount] = null;
    return run;
  }

  /** Called by the sequencer's thread only: waits for every run handed over so far. */
  @Override
  public byte[] hash() {
    long n = handedOver.count;
    if (hashed.count < n) {
      awaitHashed(n);
    }
    // Every run is hashed and none is handed over until this returns: the hashing thread is idle.
    return hasher.hash();
  }

  private void awaitHashed(long n) {
    handedOver.flag = true;
    LockSupport.unpark(thread);
    try {
      synchronized (this) {
        while (hashed.count < n) {
          checkRunning();
          wait();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the state hash", e);
    } finally {
      handedOver.flag = false;
    }
  }

  private void checkRunning() {
    if (stopped) {
      throw new IllegalStateException("the state hash thread has stopped", failure);
    }
  }

  private void run() {
    try {
      long done = hashed.count;
      while (!closed) {
        if (handedOver.count > done) {
          hasher.accept(ring[(int) done & MASK]);
          hashed.count = ++done;
          if (handedOver.flag) {
            synchronized (this) {
              notifyAll();
            }
          }
        } else {
          hashed.flag = true; // a full fence: a hand-over after it sees the flag
          if (handedOver.count == done && !closed) {
            LockSupport.park(this);
          }
          hashed.flag = false;
        }
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      stopped = true;
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Stops the hashing thread; runs not yet hashed are dropped. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
