package dev.sable.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code sable} command line: the entry point of the launcher script. */
@Command(
    name = "sable",
    mixinStandardHelpOptions = true,
    version = "sable 0.1.0",
    description = "Zero-knowledge rollup node for a private derivatives exchange.",
    subcommands = {
      NodeCommand.class,
      TraderCommand.class,
      DemoCommand.class,
      CeremonyCommand.class,
      VerifyCommand.class
    },
    footer = {
      "",
      "Benchmarks: ./sable bench --help (run by the launcher from the bench module, so JMH is never"
          + " on the node's class path)."
    })
public final class SableCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin VerboseOption verbose;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(CommandLines.create(new SableCli()).execute(args));
  }
}
