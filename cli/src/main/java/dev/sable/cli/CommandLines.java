package dev.sable.cli;

import picocli.CommandLine;

/**
 * Builds the picocli command lines of {@code sable} and {@code sable bench} alike: one-line
 * failures with documented exit codes (see {@link FailureReport}), and help that lists the exit
 * codes and shows every default.
 */
public final class CommandLines {
  private CommandLines() {}

  public static CommandLine create(Object command) {
    FailureReport report = new FailureReport();
    CommandLine cmd =
        new CommandLine(command)
            .setExecutionExceptionHandler(report)
            .setParameterExceptionHandler(report);
    describe(cmd);
    return cmd;
  }

  private static void describe(CommandLine cmd) {
    cmd.getCommandSpec()
        .usageMessage()
        .showDefaultValues(true)
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCode.helpList());
    cmd.getSubcommands().values().forEach(CommandLines::describe);
  }
}
