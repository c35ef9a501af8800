package dev.sable.cli;

import java.io.PrintStream;

/**
 * The command line's error style: one line on stderr ({@code sable <command>: what failed}), the
 * stack trace only with --verbose, and a documented exit code.
 */
final class Failures {
  /** The operation failed (the node refused, L1 or the node unreachable, a start that failed). */
  static final int FAILED = 1;

  /** Bad arguments, configuration or key file: nothing was attempted. */
  static final int BAD_INPUT = 2;

  static final String EXIT_CODES =
      "Exit codes: 0 done; 1 the operation failed (refused, unreachable, did not start);"
          + " 2 bad arguments, configuration or key file.";

  private Failures() {}

  static int report(PrintStream err, String command, Throwable e, boolean verbose, int code) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    err.println("sable " + command + ": " + message.lines().findFirst().orElse(message));
    if (verbose) {
      e.printStackTrace(err);
    }
    return code;
  }
}
