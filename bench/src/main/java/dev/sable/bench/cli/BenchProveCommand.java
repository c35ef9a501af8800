package dev.sable.bench.cli;

import dev.sable.batch.sample.LiquidationSamples;
import dev.sable.batch.sample.PreparedBatch;
import dev.sable.batch.sample.SampleBatches;
import dev.sable.bench.ProveBenchmark;
import dev.sable.bench.ProveBenchmark.Measured;
import dev.sable.bench.StepSlotCost;
import dev.sable.cli.ExitCode;
import dev.sable.cli.OutputPaths;
import dev.sable.cli.UsageException;
import dev.sable.devnet.Toolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sable bench prove}: full settlement batches built by the Java batch builder and proven
 * through JNI: a realistic mix of trades, then deposits, then withdrawals, each its own circuit
 * (keys set up once per capacity, cached), then two liquidation batches (Go benchprove's): n
 * liquidations ending in the fund's takeover, and one liquidation with f ADL fills. Saves
 * prove-TIME.txt in the results directory with the line {@code liquidation: <C>
 * constraints/liquidation, <T> ms/liquidation, <C> constraints/ADL fill, <T> ms/ADL fill, step slot
 * <S> constraints} and ends with {@code prove: <C> constraints/trade, <T> ms/trade, batch <B>
 * trades, peak <M> MB}.
 */
@Command(
    name = "prove",
    mixinStandardHelpOptions = true,
    description =
        "Prove full settlement batches through JNI: constraints and ms per trade, deposit,"
            + " withdrawal, liquidation and ADL fill.")
public final class BenchProveCommand implements Callable<Integer> {
  // Issue 8's goals for a full batch of trades on this 2-core machine.
  private static final long GOAL_CONSTRAINTS = 40_000;
  private static final double GOAL_MS = 600;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--quick",
      description =
          "Small batches (4 trades, deposits and withdrawals, 2 liquidations and ADL fills; a few"
              + " minutes, most of it key setup on a first run).")
  boolean quick;

  @Option(names = "--trades", description = "Trades of the realistic batch (even; default 64).")
  Integer trades;

  @Option(names = "--deposits", description = "Deposits of the deposit batch (default 32).")
  Integer deposits;

  @Option(names = "--withdrawals", description = "Withdrawals of their batch (default 32).")
  Integer withdrawals;

  @Option(
      names = "--liquidations",
      description = "Liquidations of the takeover batch (3 steps each; default 8).")
  Integer liquidations;

  @Option(
      names = "--adl-fills",
      description = "ADL fills of the one liquidation of the ADL batch (default 16).")
  Integer adlFills;

  @Option(
      names = "--keys",
      paramLabel = "DIR",
      description = "Key cache (default .sable/bench-keys, shared with Go's benchprove).")
  Path keys;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws IOException {
    int t = or(trades, quick ? 4 : 64);
    int d = or(deposits, quick ? 4 : 32);
    int w = or(withdrawals, quick ? 4 : 32);
    int n = or(liquidations, quick ? 2 : 8);
    int f = or(adlFills, quick ? 2 : 16);
    if (t < 2 || t % 2 != 0) {
      throw new UsageException("--trades must be even and at least 2");
    }
    if (d < 1 || d > 248 || w < 1) {
      throw new UsageException("--deposits must be in [1, 248] and --withdrawals at least 1");
    }
    if (n < 1 || f < 1) {
      throw new UsageException("--liquidations and --adl-fills must be at least 1");
    }
    Path root = Toolchain.fromEnvironment().root();
    Path keyDir =
        OutputPaths.writableDirectory(
            keys != null ? keys : root.resolve(".sable/bench-keys"), "--keys");
    Path dir = OutputPaths.writableDirectory(results.directory(), "results directory");
    List<String> lines = new ArrayList<>();
    lines.add("# sable bench prove");
    lines.add(
        "command: ./sable bench "
            + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    lines.addAll(BenchReport.header("prove", quick, results).subList(1, 4));
    lines.add("load average at start: " + BenchReport.loadAverage());
    lines.add("keys: " + keyDir + " (development setup, cached per capacity)");
    Measured trade = measure("trades (realistic mix)", SampleBatches.realistic(t), keyDir, lines);
    Measured deposit =
        measure("deposits (each opens an account)", SampleBatches.deposits(d), keyDir, lines);
    Measured withdrawal = measure("withdrawals", SampleBatches.withdrawals(w), keyDir, lines);
    Measured takeover =
        measure(
            "liquidations (each: start, a close into the book, the fund's takeover)",
            LiquidationSamples.takeovers(n),
            keyDir,
            lines);
    StepSlotCost takeoverSteps = stepSlots(takeover, lines);
    Measured adl =
        measure(
            "ADL fills (one liquidation: start, the fund's cover, then the fills)",
            LiquidationSamples.adl(f),
            keyDir,
            lines);
    stepSlots(adl, lines);
    lines.add("load average at end: " + BenchReport.loadAverage());
    lines.add(perOperation(deposit, "deposit"));
    lines.add(perOperation(withdrawal, "withdrawal"));
    lines.add(
        String.format(
            "liquidation: %d constraints/liquidation, %.0f ms/liquidation, %d constraints/ADL fill,"
                + " %.0f ms/ADL fill, step slot %d constraints",
            takeover.constraintsPerOperation(),
            takeover.msPerOperation(),
            adl.constraintsPerOperation(),
            adl.msPerOperation(),
            takeoverSteps.oneMoreSlot()));
    boolean met =
        trade.constraintsPerOperation() <= GOAL_CONSTRAINTS && trade.msPerOperation() <= GOAL_MS;
    lines.add(
        String.format(
            "goals per trade (issue 8, full batches): <= %,d constraints, <= %.0f ms: %s",
            GOAL_CONSTRAINTS,
            GOAL_MS,
            quick
                ? "not judged (--quick: the makers' fixed rows dominate a small batch)"
                : met ? "met" : "NOT met"));
    lines.add(
        String.format(
            "prove: %d constraints/trade, %.0f ms/trade, batch %d trades, peak %d MB",
            trade.constraintsPerOperation(), trade.msPerOperation(), t, trade.peakMb()));
    BenchReport.save(dir, "prove", lines);
    if (!quick && !met) {
      System.err.println("sable bench prove: check failed: a goal per trade is not met");
      return ExitCode.CHECK_FAILED.code();
    }
    return ExitCode.OK.code();
  }

  private static int or(Integer value, int otherwise) {
    return value != null ? value : otherwise;
  }

  private static Measured measure(
      String kind, PreparedBatch batch, Path keyDir, List<String> lines) {
    System.out.println("  " + kind + ": " + batch.operations() + " operations, proving...");
    Measured m = ProveBenchmark.run(kind, batch, keyDir);
    lines.add("");
    lines.add(
        String.format("== %s: %d, circuit %s", kind, m.operations(), m.capacities().circuitName()));
    lines.add(
        String.format(
            "constraints: %,d total, %,d per operation all-in",
            m.constraints(), m.constraintsPerOperation()));
    lines.add(
        String.format(
            "builder: %d ms; keys: %d ms (%s); solver check: %d ms",
            m.buildMs(), m.keyMs(), m.keysReused() ? "reused and checked" : "set up", m.checkMs()));
    lines.add(
        String.format(
            "proof: %,d ms wall (%.0f ms/operation), %,d ms CPU (%.0f ms/operation), peak RSS"
                + " during proving %,d MB (JVM and Go heap); verified",
            m.proveMs(),
            m.msPerOperation(),
            m.cpuMs(),
            (double) m.cpuMs() / m.operations(),
            m.peakMb()));
    return m;
  }

  /** The step slots' share of a measured liquidation batch's circuit (compiled, not set up). */
  private static StepSlotCost stepSlots(Measured m, List<String> lines) {
    StepSlotCost c = StepSlotCost.of(m.capacities());
    lines.add(
        String.format(
            "step slots: %,d of the constraints (%,d per slot, %d slots); one more step slot %,d;"
                + " proof %.0f ms per step slot",
            c.allSlots(),
            c.allSlots() / m.capacities().steps(),
            m.capacities().steps(),
            c.oneMoreSlot(),
            (double) m.proveMs() / m.capacities().steps()));
    return c;
  }

  private static String perOperation(Measured m, String what) {
    return String.format(
        "prove: %d constraints/%s, %.0f ms/%s, batch %d %ss, peak %d MB",
        m.constraintsPerOperation(),
        what,
        m.msPerOperation(),
        what,
        m.operations(),
        what,
        m.peakMb());
  }
}
