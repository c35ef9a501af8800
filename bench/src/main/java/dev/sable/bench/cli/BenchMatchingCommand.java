package dev.sable.bench.cli;

import dev.sable.bench.BookMemory;
import dev.sable.bench.HashingCost;
import dev.sable.bench.LatencyProbe;
import dev.sable.bench.MatchingBenchmark;
import dev.sable.bench.MatchingWorkload;
import dev.sable.bench.VersusExchangeCore;
import dev.sable.cli.OutputPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sable bench matching}: JMH throughput of the sequencer on workloads (b) "multi", "deep",
 * "aggressive" and (a) "single", with per-command latency percentiles; then what the state hash
 * costs a node and the memory of resting orders; with {@code --versus}, Sable's sequencer against
 * exchange-core's order book on the single-market mixes. Saved to matching-TIME.txt in the results
 * directory ({@link ResultsOption}). The last line printed is workload (a).
 */
@Command(
    name = "matching",
    mixinStandardHelpOptions = true,
    description = "Sequencer matching throughput (JMH) and latency (HdrHistogram).")
public final class BenchMatchingCommand implements Callable<Integer> {
  private static final String[] WORKLOADS = {"multi", "deep", "aggressive", "single"};

  /** The single-market mixes, which exchange-core's book can replay. */
  private static final String[] VERSUS = {"single", "aggressive", "deep"};

  @Option(names = "--quick", description = "Short run (a few minutes), for CI and smoke tests.")
  boolean quick;

  @Option(
      names = "--versus",
      description =
          "Also run exchange-core's order book on the same single-market streams, side by side"
              + " (interleaved paired rounds), and print Sable's throughput over its.")
  boolean versus;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws RunnerException, IOException, ReflectiveOperationException {
    Path dir = OutputPaths.writableDirectory(results.directory(), "results directory");
    List<String> lines = BenchReport.header("matching", quick, results, versus ? "--versus" : "");
    lines.add("workloads: (a) single = 1 market, 2k accounts, ~1k resting orders, 82% amends;");
    lines.add("           (b) multi = 10 markets, 10k accounts, 100k resting orders;");
    lines.add("           deep = (a)'s mix on ~40k resting orders over ~8k levels;");
    lines.add("           aggressive = 1 market, ~1.3k resting orders, a quarter of the commands");
    lines.add("           cross (sweeps of 1-2 levels that rest the rest, IOCs); margin on in all");

    Collection<RunResult> results =
        new Runner(BenchReport.jmhOptions(MatchingBenchmark.class, quick)).run();
    String last = null;
    List<String> byKind = new ArrayList<>();
    for (String workload : WORKLOADS) {
      RunResult r = find(results, workload);
      long perSecond = Math.round(r.getPrimaryResult().getScore());
      long error = Math.round(r.getPrimaryResult().getScoreError());
      MatchingWorkload w = MatchingWorkload.named(workload, MatchingBenchmark.COMMANDS);
      LatencyProbe.Latencies latencies =
          LatencyProbe.measureByKind(w, quick ? 2 : 5, quick ? 1 : 3);
      Histogram h = latencies.all();
      lines.add(
          String.format(
              "%s: JMH %d +- %d commands/s; latency p50 %s us, p90 %s us, p99 %s us, p99.9 %s us,"
                  + " max %s us (%d samples)",
              workload,
              perSecond,
              error,
              micros(h, 50),
              micros(h, 90),
              micros(h, 99),
              micros(h, 99.9),
              micros(h, 100),
              h.getTotalCount()));
      byKind.add(latencies.line(workload));
      last =
          String.format(
              "matching: %d commands/s, p50 %s us, p99 %s us",
              perSecond, micros(h, 50), micros(h, 99));
    }
    lines.addAll(byKind);
    Histogram clock = LatencyProbe.clockPair(1_000_000);
    lines.add(
        String.format(
            "the probe's clock: two System.nanoTime calls take p50 %d ns, p99 %d ns (in every"
                + " sample above)",
            clock.getValueAtPercentile(50), clock.getValueAtPercentile(99)));
    int rounds = quick ? 5 : 15;
    if (versus) {
      for (String mix : VERSUS) {
        MatchingWorkload w = MatchingWorkload.named(mix, MatchingBenchmark.COMMANDS);
        lines.add(VersusExchangeCore.measure(mix, w, quick ? 3 : 5, rounds).line());
      }
    }
    for (String mix : VERSUS) {
      lines.add(HashingCost.measure(mix, MatchingBenchmark.COMMANDS, 3, rounds).line());
    }
    lines.add(BookMemory.measure(1_000_000).line());
    lines.add("load average at the end: " + BenchReport.loadAverage());
    lines.add(last);
    BenchReport.save(dir, "matching", lines);
    return 0;
  }

  private static RunResult find(Collection<RunResult> results, String workload) {
    return results.stream()
        .filter(r -> workload.equals(r.getParams().getParam("workload")))
        .findFirst()
        .orElseThrow();
  }

  private static String micros(Histogram h, double percentile) {
    return String.format("%.2f", h.getValueAtPercentile(percentile) / 1_000.0);
  }
}
