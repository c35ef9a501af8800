package dev.sable.bench.cli;

import dev.sable.bench.TreeBenchmark;
import dev.sable.cli.ExitCode;
import dev.sable.cli.OutputPaths;
import dev.sable.cli.UsageException;
import dev.sable.devnet.ScratchDirectory;
import dev.sable.devnet.Toolchain;
import dev.sable.state.StateLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sable bench tree}: the account tree on RocksDB, Poseidon2 and EdDSA verification, one
 * thread each; prints the figures, ending with the summary line, and saves them to a results file.
 */
@Command(
    name = "tree",
    mixinStandardHelpOptions = true,
    description = "Benchmark the state tree on RocksDB, Poseidon2 and EdDSA verification.")
public final class BenchTreeCommand implements Callable<Integer> {
  // Per-core targets the state layout was designed for (docs/state.md, implementation and speed).
  private static final double POSEIDON2_TARGET = 100_000;
  private static final double VERIFY_TARGET = 5_000;
  private static final int MAX_ACCOUNTS = 1 << StateLayout.ACCOUNT_DEPTH;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--quick", description = "Fewer updates and shorter timings (under 60 s).")
  boolean quick;

  @Option(
      names = "--accounts",
      defaultValue = "1000000",
      description = "Accounts in the tree before updates (1 to " + MAX_ACCOUNTS + ").")
  int accounts;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Results file (default: tree[-quick].txt in the results directory).")
  Path out;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws IOException {
    if (accounts < 1 || accounts > MAX_ACCOUNTS) {
      throw new UsageException("--accounts must be between 1 and " + MAX_ACCOUNTS);
    }
    Path file =
        out != null
            ? OutputPaths.writableFile(out, "--out")
            : OutputPaths.writableDirectory(results.directory(), "results directory")
                .resolve(quick ? "tree-quick.txt" : "tree.txt");
    TreeBenchmark.Settings settings =
        quick
            ? new TreeBenchmark.Settings(accounts, 20_000, 1_000, 3, 3)
            : new TreeBenchmark.Settings(accounts, 200_000, 1_000, 10, 10);
    String loadAtStart = BenchReport.loadAverage();
    List<String> lines = new ArrayList<>();
    TreeBenchmark.Figures f;
    Path scratch = Toolchain.fromEnvironment().root().resolve(".sable/tmp");
    try (ScratchDirectory db = ScratchDirectory.create(scratch, "bench-tree-")) {
      f =
          new TreeBenchmark(
                  settings,
                  line -> {
                    System.out.println("  " + line);
                    lines.add(line);
                  })
              .run(db.path());
    }
    // poseidon2 is the hasher the tree used: the faster of the two in this run
    String summary =
        String.format(
            "tree: %.0f updates/s, poseidon2 %.0f hashes/s, eddsa-verify %.0f/s",
            f.treeUpdates(), f.treeHasherCompress(), f.eddsaVerify());
    lines.add(
        String.format(
            "tree hashed with the %s Poseidon2, the faster here (pure Java %.0f/s, native %s)",
            f.treeHasher(),
            f.javaCompress(),
            Double.isNaN(f.nativeCompress())
                ? "unavailable"
                : String.format("%.0f/s", f.nativeCompress())));
    List<String> missed = missedTargets(f);
    write(file, settings, lines, summary, missed, loadAtStart);
    System.out.println(summary);
    if (!missed.isEmpty()) {
      System.err.println(
          "sable bench tree: check failed: below the per-core target: "
              + String.join("; ", missed));
      return ExitCode.CHECK_FAILED.code();
    }
    return ExitCode.OK.code();
  }

  private static List<String> missedTargets(TreeBenchmark.Figures f) {
    List<String> missed = new ArrayList<>();
    if (f.treeHasherCompress() < POSEIDON2_TARGET) {
      missed.add(
          String.format("poseidon2 %.0f/s < %.0f/s", f.treeHasherCompress(), POSEIDON2_TARGET));
    }
    if (f.eddsaVerify() < VERIFY_TARGET) {
      missed.add(String.format("eddsa-verify %.0f/s < %.0f/s", f.eddsaVerify(), VERIFY_TARGET));
    }
    return missed;
  }

  private void write(
      Path file,
      TreeBenchmark.Settings s,
      List<String> lines,
      String summary,
      List<String> missed,
      String loadAtStart)
      throws IOException {
    List<String> text = new ArrayList<>();
    text.add("# sable bench tree");
    text.add(
        "command: ./sable bench "
            + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    text.add("date: " + Instant.now());
    text.add(
        "machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cpus, java "
            + System.getProperty("java.version")
            + ", max heap "
            + Runtime.getRuntime().maxMemory() / (1 << 20)
            + " MiB, load average at start "
            + loadAtStart);
    text.add(
        String.format(
            "settings: %,d accounts (depth 24, RocksDB on disk, synced batches), %,d updates in"
                + " batches of %d, hash timing %.0f s, verify timing %.0f s, one thread each",
            s.accounts(), s.updates(), s.batchSize(), s.hashSeconds(), s.verifySeconds()));
    text.addAll(lines);
    text.add(
        String.format(
            "targets per core: poseidon2 >= %.0f/s, eddsa-verify >= %.0f/s: %s",
            POSEIDON2_TARGET,
            VERIFY_TARGET,
            missed.isEmpty() ? "met" : "NOT met (" + String.join("; ", missed) + ")"));
    text.add(summary);
    Files.write(file, text);
    System.out.println("  results written to " + file);
  }
}
