package dev.sable.node.sequencing;

import dev.sable.sequencer.engine.CommandEffects;
import dev.sable.sequencer.engine.StateHashFeed;
import dev.sable.sequencer.engine.StateHasher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The state hash off the sequencer's path: the sequencer thread hands each command's effects over
 * in batches, and a thread of its own ({@code sable-state-hash}) chains them through a {@link
 * StateHasher}, so the hash is the one computed inline, command for command. Asking for the hash
 * waits until every effect handed over is hashed. A full queue makes the sequencer wait, so the
 * hashing never falls behind by more than {@link #QUEUED_BATCHES} batches. If the hashing thread
 * stops (closed, or a bug), the next hand-over or request for the hash throws.
 */
public final class BackgroundStateHasher implements StateHashFeed, AutoCloseable {
  static final int BATCH = 512;
  static final int QUEUED_BATCHES = 64;

  private final StateHasher hasher = new StateHasher();
  private final BlockingQueue<List<CommandEffects>> queue =
      new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private final Thread thread;
  private List<CommandEffects> filling = new ArrayList<>(BATCH);
  private long handedOver;

  // Written by the hashing thread under this object's lock.
  private long hashed;
  private byte[] latest = new byte[32];
  private boolean stopped;
  private RuntimeException failure;

  public BackgroundStateHasher() {
    thread = new Thread(this::run, "sable-state-hash");
    thread.setDaemon(true);
    thread.start();
  }

  /** Called by the sequencer's thread only. */
  @Override
  public void accept(CommandEffects effects) {
    filling.add(effects);
    if (filling.size() == BATCH) {
      handOver();
    }
  }

  /** Called by the sequencer's thread only: waits for everything accepted so far. */
  @Override
  public byte[] hash() {
    handOver();
    synchronized (this) {
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
  }

  private void handOver() {
    if (filling.isEmpty()) {
      return;
    }
    put(filling);
    handedOver += filling.size();
    filling = new ArrayList<>(BATCH);
  }

  private void put(List<CommandEffects> batch) {
    try {
      while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
        checkRunning();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted handing effects to the state hash", e);
    }
  }

  private synchronized void checkRunning() {
    if (stopped) {
      throw new IllegalStateException("the state hash thread has stopped", failure);
    }
  }

  private void run() {
    try {
      while (true) {
        List<CommandEffects> batch = queue.take();
        for (CommandEffects effects : batch) {
          hasher.accept(effects);
        }
        byte[] hash = hasher.hash();
        synchronized (this) {
          hashed += batch.size();
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

  /** Stops the hashing thread; effects not yet hashed are dropped. */
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
