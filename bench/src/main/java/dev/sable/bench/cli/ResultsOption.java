package dev.sable.bench.cli;

import dev.sable.devnet.Toolchain;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a benchmark writes its results file: under the ignored {@code .sable/bench/} unless {@code
 * --save} asks for the committed {@code bench/results/}.
 */
public final class ResultsOption {
  @Option(
      names = "--save",
      description =
          "Write the results file into bench/results/ (committed) instead of .sable/bench/.")
  boolean save;

  Path directory() {
    Path root = Toolchain.fromEnvironment().root();
    return save ? root.resolve("bench/results") : root.resolve(".sable/bench");
  }
}
