package dev.sable.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of every sable command, as {@code --help} lists them. */
public enum ExitCode {
  OK(0, "success"),
  CHECK_FAILED(1, "the run ended but its result failed a check (the last line says which)"),
  USAGE(2, "invalid arguments or an unusable path (see --help)"),
  MISSING_TOOL(3, "a tool or build output is missing (run scripts/setup.sh)"),
  PROVER(4, "the prover or its keys failed (the message names the key directory or file)"),
  L1(5, "L1 failed or refused: anvil or solc, an unreachable L1, or the bridge or token reverted"),
  IO(6, "a file or directory could not be read or written"),
  NODE(7, "the node refused the request (the message gives its error code) or is unreachable"),
  INTERNAL(70, "internal error, a bug: rerun with --verbose and report the stack trace");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  /** The list shown under "Exit codes:" in every command's help, signals included. */
  static Map<String, String> helpList() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitCode c : values()) {
      list.put(Integer.toString(c.code), c.meaning);
    }
    list.put("130", "interrupted (Ctrl-C); child processes stop with sable");
    list.put("137, 143", "killed (SIGKILL) or terminated (SIGTERM); child processes stop too");
    return list;
  }
}
