package dev.sable.cli;

import dev.sable.batch.exit.ExitRefusedException;
import dev.sable.devnet.DevnetException;
import dev.sable.devnet.MissingToolException;
import dev.sable.l1.BridgeRevertedException;
import dev.sable.node.config.ConfigException;
import dev.sable.node.journal.JournalException;
import dev.sable.prover.NativeException;
import dev.sable.sdk.SableApiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line on stderr, {@code <command>: <what failed and what to do>}, and its
 * documented {@link ExitCode}; {@code --verbose} adds the stack trace.
 */
final class FailureReport implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(name(cmd) + ": " + oneLine(e.getMessage()) + " (see " + name(cmd) + " --help)");
    err.flush();
    return ExitCode.USAGE.code();
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    ExitCode code = classify(e);
    String what =
        code == ExitCode.INTERNAL
            ? "internal error: "
                + e.getClass().getSimpleName()
                + ": "
                + oneLine(e.getMessage())
                + " (a bug: rerun with --verbose and report the stack trace)"
            : oneLine(e.getMessage());
    err.println(name(cmd) + ": " + what);
    if (verbose(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return code.code();
  }

  /** The exit code of a failure, by its type: the modules throw one type per kind of failure. */
  static ExitCode classify(Throwable e) {
    return switch (e) {
      case UsageException u -> ExitCode.USAGE;
      case ConfigException c -> ExitCode.USAGE;
      case SableApiException s -> ExitCode.NODE;
      case NodeUnreachableException n -> ExitCode.NODE;
      case JournalException j -> ExitCode.IO;
      case MissingToolException m -> ExitCode.MISSING_TOOL;
      case NativeException n -> ExitCode.PROVER;
      case DevnetException d -> ExitCode.L1;
      case BridgeRevertedException b -> ExitCode.L1;
      case L1Exception l -> ExitCode.L1;
      case ExitRefusedException x -> ExitCode.L1;
      case UncheckedIOException u -> ExitCode.IO;
      case IOException i -> ExitCode.IO;
      default -> ExitCode.INTERNAL;
    };
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static String name(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName();
  }

  /** A message on one line: its non-blank lines joined by " / ". */
  static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    return message
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .collect(Collectors.joining(" / "));
  }
}
