package dev.sable.bench.cli;

import dev.sable.batch.Capacities;
import dev.sable.bench.RestartReplay;
import dev.sable.cli.ExitCode;
import dev.sable.cli.OutputPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sable bench restart}: a node with L1 batches brought to the end of a long journal, from
 * genesis (a whole replay) against from a snapshot and the journal's tail ({@link RestartReplay}),
 * in alternating runs of one process; saved to restart-TIME.txt in the results directory. The last
 * line is the medians and their ratio; the exit code is CHECK_FAILED when the two ways seal a
 * different number of batches.
 */
@Command(
    name = "restart",
    mixinStandardHelpOptions = true,
    description = "Restart time with L1 batches: whole replay vs snapshot + tail.")
public final class BenchRestartCommand implements Callable<Integer> {
  @Option(names = "--orders", description = "Signed orders in the journal (default 100000).")
  int orders = 100_000;

  @Option(names = "--tail", description = "Journal entries after the snapshot (default 1000).")
  int tail = 1_000;

  @Option(names = "--runs", description = "Runs of each way, alternating (default 5).")
  int runs = 5;

  @Option(names = "--quick", description = "20000 orders, 3 runs each.")
  boolean quick;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws IOException {
    if (quick) {
      orders = 20_000;
      runs = 3;
    }
    Path dir = OutputPaths.writableDirectory(results.directory(), "results directory");
    List<String> lines =
        BenchReport.header(
            "restart",
            quick,
            results,
            quick ? "" : "--orders " + orders,
            "--tail " + tail,
            quick ? "" : "--runs " + runs);
    lines.add("load average at start: " + BenchReport.loadAverage());
    long begin = System.nanoTime();
    RestartReplay journal = new RestartReplay(orders, Capacities.SMALL);
    lines.add(
        String.format(
            "journal: %d entries (%d signed orders crossing in pairs, L1 deposits, signed prices,"
                + " time ticks), generated in %d ms; batches at the Small capacities",
            journal.entries(), orders, (System.nanoTime() - begin) / 1_000_000));
    Path snapshots = Files.createTempDirectory("sable-bench-restart");
    long bytes = journal.writeSnapshot(snapshots, tail);
    lines.add(
        String.format(
            "snapshot: after entry %d (%d before the end), %d bytes",
            journal.entries() - tail, tail, bytes));
    List<Long> whole = new ArrayList<>();
    List<Long> fromSnapshot = new ArrayList<>();
    long sealedWhole = journal.restart(null); // warm-up of both ways
    long sealedSnapshot = journal.restart(snapshots);
    for (int r = 0; r < runs; r++) {
      whole.add(timed(() -> journal.restart(null)));
      fromSnapshot.add(timed(() -> journal.restart(snapshots)));
      lines.add(
          String.format(
              "run %d: whole replay %d ms, snapshot + tail %d ms",
              r + 1, whole.get(r), fromSnapshot.get(r)));
    }
    long w = median(whole);
    long s = median(fromSnapshot);
    lines.add(
        String.format(
            "batches sealed: %d from genesis, %d from the snapshot (%s)",
            sealedWhole, sealedSnapshot, sealedWhole == sealedSnapshot ? "the same" : "DIFFERENT"));
    lines.add(
        String.format(
            "restart: %d entries, whole replay %d ms, snapshot + %d-entry tail %d ms (%.1fx)",
            journal.entries(), w, tail, s, (double) w / Math.max(1, s)));
    BenchReport.save(dir, "restart", lines);
    try (var files = Files.list(snapshots)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(snapshots);
    return sealedWhole == sealedSnapshot ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
  }

  private static long timed(Runnable run) {
    long begin = System.nanoTime();
    run.run();
    return (System.nanoTime() - begin) / 1_000_000;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
