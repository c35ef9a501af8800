package dev.sable.bench.cli;

import dev.sable.cli.CommandLines;
import dev.sable.cli.VerboseOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sable bench <what>}: the benchmarks, each writing its figures to a results file. */
@Command(
    name = "sable bench",
    mixinStandardHelpOptions = true,
    description =
        "Run a benchmark; its results file goes to .sable/bench/, or with --save to bench/results/.",
    subcommands = {
      BenchMatchingCommand.class,
      BenchTreeCommand.class,
      BenchMarginCommand.class,
      BenchIntakeCommand.class,
      BenchProveCommand.class,
      BenchRestartCommand.class
    })
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin VerboseOption verbose;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Entry point of {@code ./sable bench}: the launcher runs it with the bench module's class path.
   */
  public static void main(String[] args) {
    System.exit(CommandLines.create(new BenchCommand()).execute(args));
  }
}
