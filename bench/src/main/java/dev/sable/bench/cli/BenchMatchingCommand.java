package dev.sable.bench.cli;

import dev.sable.bench.LatencyProbe;
import dev.sable.bench.MatchingBenchmark;
import dev.sable.bench.MatchingWorkload;
import dev.sable.devnet.Toolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sable bench matching}: JMH throughput of the sequencer on workloads (a) "single" and (b)
 * "multi", then per-command latency percentiles, saved to bench/results/matching-TIME.txt. The last
 * line printed is workload (a).
 */
@Command(
    name = "matching",
    mixinStandardHelpOptions = true,
    description = "Sequencer matching throughput (JMH) and latency (HdrHistogram).")
public final class BenchMatchingCommand implements Callable<Integer> {
  private static final String[] WORKLOADS = {"multi", "single"};

  @Option(names = "--quick", description = "Short run (under a minute), for CI and smoke tests.")
  boolean quick;

  @Override
  public Integer call() throws RunnerException, IOException {
    List<String> lines = new ArrayList<>();
    String command = "./sable bench matching" + (quick ? " --quick" : "");
    lines.add("command: " + command);
    lines.add("date: " + Instant.now());
    lines.add(
        "jvm: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    lines.add(
        "cpus: " + Runtime.getRuntime().availableProcessors() + " (shared; figures are noisy)");
    lines.add("workloads: (a) single = 1 market, 2k accounts, ~1k resting orders, 82% amends;");
    lines.add("           (b) multi = 10 markets, 10k accounts, 100k resting orders; margin on");

    Collection<RunResult> results = new Runner(jmhOptions()).run();
    String last = null;
    for (String workload : WORKLOADS) {
      RunResult r = find(results, workload);
      long perSecond = Math.round(r.getPrimaryResult().getScore());
      long error = Math.round(r.getPrimaryResult().getScoreError());
      MatchingWorkload w = MatchingWorkload.named(workload, MatchingBenchmark.COMMANDS);
      Histogram h = LatencyProbe.measure(w, quick ? 2 : 5, quick ? 1 : 3);
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
      last =
          String.format(
              "matching: %d commands/s, p50 %s us, p99 %s us",
              perSecond, micros(h, 50), micros(h, 99));
    }
    lines.add(last);
    Path out = save(lines);
    System.out.println();
    System.out.println("results: " + out);
    lines.forEach(System.out::println);
    return 0;
  }

  private org.openjdk.jmh.runner.options.Options jmhOptions() {
    return new OptionsBuilder()
        .include(MatchingBenchmark.class.getName() + ".*")
        .forks(1)
        .warmupIterations(quick ? 2 : 5)
        .warmupTime(TimeValue.seconds(quick ? 2 : 5))
        .measurementIterations(quick ? 3 : 5)
        .measurementTime(TimeValue.seconds(quick ? 2 : 5))
        .jvmArgsAppend("-Xmx2g")
        .build();
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

  private static Path save(List<String> lines) throws IOException {
    Path dir = Toolchain.fromEnvironment().root().resolve("bench/results");
    Files.createDirectories(dir);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Path file = dir.resolve("matching-" + stamp + ".txt");
    Files.write(file, lines);
    return file;
  }
}
