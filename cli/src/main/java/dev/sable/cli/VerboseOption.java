package dev.sable.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --verbose}, on every command: {@link FailureReport} then adds the stack trace. */
public final class VerboseOption {
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "On a failure, print the stack trace after the one-line message.")
  boolean verbose;
}
