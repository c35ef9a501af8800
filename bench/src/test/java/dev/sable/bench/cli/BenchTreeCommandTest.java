package dev.sable.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Arguments are checked before the benchmark spends a minute measuring. */
class BenchTreeCommandTest {
  @TempDir Path dir;

  private String failure(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cmd = CommandLines.create(new BenchCommand());
    cmd.setErr(new PrintWriter(err, true));
    long start = System.nanoTime();
    assertThat(cmd.execute(args)).isEqualTo(2);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    assertThat(err.toString().lines()).hasSize(1);
    return err.toString();
  }

  @Test
  void anAccountCountOutsideTheTreeIsRefused() {
    assertThat(failure("tree", "--accounts", "0"))
        .isEqualTo("sable bench tree: --accounts must be between 1 and 16777216\n");
    assertThat(failure("tree", "--accounts", "16777217")).contains("--accounts must be between");
  }

  @Test
  void anUnwritableResultsFileIsRefused() {
    assertThat(failure("tree", "--out", dir.resolve("missing/tree.txt").toString()))
        .contains("does not exist");
  }
}
