package dev.sable.bench;

import dev.sable.node.sequencing.BackgroundStateHasher;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.engine.CommandEffects;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.engine.StateHashFeed;
import dev.sable.sequencer.engine.StateHasher;
import dev.sable.sequencer.event.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the state hash costs a node, which runs it as {@code SequencerLoop} does: each command's
 * events collected for the node's listeners, its effects handed to a {@link BackgroundStateHasher},
 * which hashes on a thread of its own. Two figures, in thread CPU time (time descheduled on a
 * shared machine counts for neither):
 *
 * <ul>
 *   <li>the sequencer thread with hashing on against hashing off, same stream, paired rounds
 *       alternating which goes first: on's throughput over off's (1.0 = free);
 *   <li>the hashing thread's work per command (a {@link StateHasher} over the same effects) against
 *       the sequencer's: below 1.0, a second core keeps up with the sequencer.
 * </ul>
 */
public final class HashingCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Where the events handed to listeners go, so that copying them is not optimized away. */
  private static List<Event> lastView;

  /**
   * @param ratio median over the rounds of the sequencer thread's throughput, hashing on over off
   * @param sequencerNanos the sequencer's median CPU time per command, hashing off
   * @param hashingNanos the hashing thread's CPU time per command (median)
   */
  public record Result(String mix, double ratio, double sequencerNanos, double hashingNanos) {
    public String line() {
      return String.format(
          "hashing on vs off: %.2fx on %s (sequencer thread, median of paired rounds); the"
              + " hashing thread needs %.0f ns per command, the sequencer %.0f ns",
          ratio, mix, hashingNanos, sequencerNanos);
    }
  }

  private HashingCost() {}

  public static Result measure(String mix, MatchingWorkload workload, int warmups, int rounds) {
    for (int i = 0; i < warmups; i++) {
      sequencerNanos(workload, false);
      sequencerNanos(workload, true);
      hashingNanos(workload);
    }
    double[] ratios = new double[rounds];
    long[] off = new long[rounds];
    long[] hashing = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long on;
      if (i % 2 == 0) {
        off[i] = sequencerNanos(workload, false);
        on = sequencerNanos(workload, true);
      } else {
        on = sequencerNanos(workload, true);
        off[i] = sequencerNanos(workload, false);
      }
      ratios[i] = (double) off[i] / on;
      hashing[i] = hashingNanos(workload);
    }
    double n = workload.commands().length;
    return new Result(mix, median(ratios), median(off) / n, median(hashing) / n);
  }

  /** CPU time of this (the sequencer's) thread applying the measured commands. */
  private static long sequencerNanos(MatchingWorkload workload, boolean hashing) {
    try (BackgroundStateHasher hasher = new BackgroundStateHasher()) {
      // The node's listeners get a copy of each command's events (as SequencerLoop does).
      List<Event> events = new ArrayList<>();
      Sequencer s = new Sequencer(ArrayOrderBook::new, events::add, hashing ? hasher : null);
      for (Command c : workload.setup()) {
        s.apply(c);
      }
      long t0 = THREADS.getCurrentThreadCpuTime();
      for (Command c : workload.commands()) {
        events.clear();
        s.apply(c);
        lastView = List.copyOf(events);
      }
      long t = THREADS.getCurrentThreadCpuTime() - t0;
      if (hashing) {
        s.stateHash();
      }
      return t;
    }
  }

  /** CPU time of hashing the measured commands' effects, as the hashing thread does. */
  private static long hashingNanos(MatchingWorkload workload) {
    List<CommandEffects> kept = new ArrayList<>();
    Sequencer s = new Sequencer(ArrayOrderBook::new, event -> {}, keeping(kept));
    for (Command c : workload.setup()) {
      s.apply(c);
    }
    s.stateHash();
    kept.clear();
    for (Command c : workload.commands()) {
      s.apply(c);
    }
    s.stateHash();
    StateHasher hasher = new StateHasher();
    long t0 = THREADS.getCurrentThreadCpuTime();
    for (CommandEffects e : kept) {
      hasher.accept(e);
    }
    hasher.hash();
    return THREADS.getCurrentThreadCpuTime() - t0;
  }

  /** Keeps the runs of effects for timing their hashing later; asked for a hash, answers none. */
  private static StateHashFeed keeping(List<CommandEffects> kept) {
    return new StateHashFeed() {
      @Override
      public void accept(CommandEffects effects) {
        kept.add(effects);
      }

      @Override
      public byte[] hash() {
        return new byte[32];
      }
    };
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
