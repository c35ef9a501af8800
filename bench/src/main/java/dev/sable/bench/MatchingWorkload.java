package dev.sable.bench;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.EventSink;
import java.util.List;

/**
 * A benchmark workload: commands that build the starting state (markets, prices, deposits, resting
 * orders), then the measured commands. See {@link WorkloadGenerator} for the two workloads.
 */
public record MatchingWorkload(List<Command> setup, Command[] commands) {

  /**
   * {@code single} is workload (a), {@code multi} is workload (b); {@code deep} and {@code
   * aggressive} are the deep-book and crossing mixes.
   */
  public static MatchingWorkload named(String name, int commandCount) {
    return switch (name) {
      case "single" -> WorkloadGenerator.single(commandCount);
      case "deep" -> WorkloadGenerator.deep(commandCount);
      case "aggressive" -> WorkloadGenerator.aggressive(commandCount);
      case "multi" -> WorkloadGenerator.multi(commandCount);
      default -> throw new IllegalArgumentException("unknown workload " + name);
    };
  }

  /** A fresh sequencer (fast book, hashing off) with the setup applied. */
  public Sequencer start() {
    Sequencer s = Sequencer.fast(EventSink.DISCARD);
    for (Command c : setup) {
      s.apply(c);
    }
    return s;
  }
}
