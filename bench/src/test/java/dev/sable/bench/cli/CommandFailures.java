package dev.sable.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code sable bench} with arguments it must refuse at once: exit 2, one line on stderr. */
final class CommandFailures {
  private CommandFailures() {}

  static String failure(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cmd = CommandLines.create(new BenchCommand());
    cmd.setErr(new PrintWriter(err, true));
    long start = System.nanoTime();
    assertThat(cmd.execute(args)).isEqualTo(2);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    assertThat(err.toString().lines()).hasSize(1);
    return err.toString();
  }
}
