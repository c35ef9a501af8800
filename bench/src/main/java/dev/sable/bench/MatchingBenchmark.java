package dev.sable.bench;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.engine.Sequencer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Sequencer throughput: one invocation applies the whole measured command list of a workload to a
 * fresh sequencer (built, with its resting orders, outside the measurement), so the score is
 * commands per second on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatchingBenchmark {
  public static final int COMMANDS = 500_000;

  @Param({"single", "multi", "deep", "aggressive"})
  public String workload;

  private MatchingWorkload commands;
  private Sequencer sequencer;

  @Setup(Level.Trial)
  public void generate() {
    commands = MatchingWorkload.named(workload, COMMANDS);
  }

  @Setup(Level.Invocation)
  public void freshState() {
    sequencer = commands.start();
  }

  @Benchmark
  @OperationsPerInvocation(COMMANDS)
  public Sequencer applyAll() {
    Sequencer s = sequencer;
    for (Command c : commands.commands()) {
      s.apply(c);
    }
    return s;
  }
}
