package dev.sable.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sable bench <what>}: the benchmarks, each writing its figures under bench/results/. */
@Command(
    name = "sable bench",
    mixinStandardHelpOptions = true,
    description = "Run a benchmark and save its results under bench/results/.",
    subcommands = {BenchMatchingCommand.class, BenchTreeCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Entry point of {@code ./sable bench}: the launcher runs it with the bench module's class path.
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }
}
