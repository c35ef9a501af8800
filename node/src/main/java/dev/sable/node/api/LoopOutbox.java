package dev.sable.node.api;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes handed to one event loop from other threads (the journal's acks, the sequencer's events),
 * run there in the order posted, a burst of them in one task of the loop: the journal thread
 * completes a group commit's requests one after another, and one task per answer cost a task
 * hand-over and a selector wakeup each (the top method by self time in the intake profile). A task
 * runs at most {@link #RUN} writes, then yields the loop to its other work (reads, timers) and goes
 * on in a new task.
 */
final class LoopOutbox implements Executor {
  static final int RUN = 1024;

  private final Executor loop;
  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /** {@code loop} runs a task on the event loop (a context's {@code runOnContext}). */
  LoopOutbox(Executor loop) {
    this.loop = loop;
  }

  /** Posts a write from any thread; it runs on the loop after the writes posted before it. */
  @Override
  public void execute(Runnable write) {
    pending.add(write);
    schedule();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      loop.execute(this::drain);
    }
  }

  private void drain() {
    // cleared first: a write posted from here on schedules a task of its own, so none is left
    scheduled.set(false);
    try {
      Runnable write;
      for (int i = 0; i < RUN && (write = pending.poll()) != null; i++) {
        write.run();
      }
    } finally {
      // more than a run, or a write that threw: the rest goes on in a new task
      if (!pending.isEmpty()) {
        schedule();
      }
    }
  }
}
