package dev.sable.bench.cli;

import dev.sable.bench.TreeBenchmark;
import dev.sable.devnet.Toolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sable bench tree}: the account tree on RocksDB, Poseidon2 and EdDSA verification, one
 * thread each; prints the figures, ending with the summary line, and saves them under
 * bench/results/.
 */
@Command(
    name = "tree",
    mixinStandardHelpOptions = true,
    description = "Benchmark the state tree on RocksDB, Poseidon2 and EdDSA verification.")
public final class BenchTreeCommand implements Callable<Integer> {
  // Per-core targets of issue #4.
  private static final double POSEIDON2_TARGET = 100_000;
  private static final double VERIFY_TARGET = 5_000;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--quick", description = "Fewer updates and shorter timings (under 60 s).")
  boolean quick;

  @Option(
      names = "--accounts",
      defaultValue = "1000000",
      description = "Accounts in the tree before updates.")
  int accounts;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Results file (default: bench/results/tree[-quick].txt under the checkout).")
  Path out;

  @Override
  public Integer call() throws IOException {
    TreeBenchmark.Settings settings =
        quick
            ? new TreeBenchmark.Settings(accounts, 20_000, 1_000, 3, 3)
            : new TreeBenchmark.Settings(accounts, 200_000, 1_000, 10, 10);
    String loadAtStart = loadAverage();
    Path scratch = Toolchain.fromEnvironment().root().resolve(".sable");
    Files.createDirectories(scratch);
    Path db = Files.createTempDirectory(scratch, "bench-tree-");
    List<String> lines = new ArrayList<>();
    TreeBenchmark.Figures f;
    try {
      f =
          new TreeBenchmark(
                  settings,
                  line -> {
                    System.out.println("  " + line);
                    lines.add(line);
                  })
              .run(db);
    } finally {
      deleteTree(db);
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
    boolean met = f.treeHasherCompress() >= POSEIDON2_TARGET && f.eddsaVerify() >= VERIFY_TARGET;
    write(settings, lines, summary, met, loadAtStart);
    System.out.println(summary);
    return met ? 0 : 1;
  }

  private void write(
      TreeBenchmark.Settings s, List<String> lines, String summary, boolean met, String loadAtStart)
      throws IOException {
    Path root = Toolchain.fromEnvironment().root();
    Path file =
        out != null
            ? out
            : root.resolve("bench/results").resolve(quick ? "tree-quick.txt" : "tree.txt");
    Files.createDirectories(file.toAbsolutePath().getParent());
    List<String> text = new ArrayList<>();
    text.add("# sable bench tree");
    text.add(
        "command: ./sable " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
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
            POSEIDON2_TARGET, VERIFY_TARGET, met ? "met" : "NOT met"));
    text.add(summary);
    Files.write(file, text);
    System.out.println("  results written to " + file);
  }

  // Other builds share this machine's cores: the figures depend on them, so say how busy it was.
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
