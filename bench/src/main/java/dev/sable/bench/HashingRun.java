package dev.sable.bench;

import dev.sable.node.sequencing.BackgroundStateHasher;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.engine.CommandEffects;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.engine.StateHashFeed;
import dev.sable.sequencer.engine.StateHasher;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.EventSink;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * One hashing mode of {@link HashingCost}, run in a class loader of its own (so each mode's code is
 * compiled for that mode alone): a workload applied as the node's sequencer thread applies it,
 * timed in thread CPU time. Called by reflection, hence the plain signatures.
 */
public final class HashingRun {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Where the events handed to listeners go, so that copying them is not optimized away. */
  private static List<Event> lastView;

  private final MatchingWorkload workload;
  private final String mode;

  /**
   * @param mode "off", "recording" (effects recorded and handed to a feed that gives them straight
   *     back) or "background" (handed to the node's hashing thread)
   */
  public HashingRun(String mix, int commands, String mode) {
    this.workload = MatchingWorkload.named(mix, commands);
    this.mode = mode;
  }

  /** CPU time of this (the sequencer's) thread applying the measured commands. */
  public long sequencerNanos() {
    try (BackgroundStateHasher hasher = new BackgroundStateHasher()) {
      StateHashFeed feed =
          switch (mode) {
            case "off" -> null;
            case "recording" -> recycling();
            case "background" -> hasher;
            default -> throw new IllegalArgumentException("unknown mode " + mode);
          };
      // The node's listeners get each command's events: with hashing on, as the state hash
      // recorded them (as SequencerLoop does); with it off, from a list the sink fills.
      List<Event> events = new ArrayList<>();
      Sequencer s =
          new Sequencer(ArrayOrderBook::new, feed == null ? events::add : EventSink.DISCARD, feed);
      for (Command c : workload.setup()) {
        s.apply(c);
      }
      long t0 = THREADS.getCurrentThreadCpuTime();
      for (Command c : workload.commands()) {
        if (feed == null) {
          events.clear();
          s.apply(c);
          lastView = List.copyOf(events);
        } else {
          s.apply(c);
          lastView = s.lastEvents();
        }
      }
      long t = THREADS.getCurrentThreadCpuTime() - t0;
      if (feed != null) {
        s.stateHash();
      }
      return t;
    }
  }

  /** CPU time of hashing the measured commands' effects, as the hashing thread does. */
  public long hashingNanos() {
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

  /**
   * Takes the runs of effects and gives each back at once, unread: the sequencer's side of hashing
   * alone, runs recycled as the hashing thread's feed recycles them.
   */
  private static StateHashFeed recycling() {
    return new StateHashFeed() {
      private CommandEffects last;

      @Override
      public void accept(CommandEffects effects) {
        last = effects;
      }

      @Override
      public byte[] hash() {
        return new byte[32];
      }

      @Override
      public CommandEffects spare() {
        CommandEffects done = last;
        last = null;
        return done;
      }
    };
  }
}
