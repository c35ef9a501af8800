package dev.sable.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments are checked before the benchmark spends a minute measuring. */
class BenchTreeCommandTest {
  @TempDir Path dir;

  @Test
  void anAccountCountOutsideTheTreeIsRefused() {
    assertThat(CommandFailures.failure("tree", "--accounts", "0"))
        .isEqualTo("sable bench tree: --accounts must be between 1 and 16777216\n");
    assertThat(CommandFailures.failure("tree", "--accounts", "16777217"))
        .contains("--accounts must be between");
  }

  @Test
  void anUnwritableResultsFileIsRefused() {
    assertThat(CommandFailures.failure("tree", "--out", dir.resolve("missing/tree.txt").toString()))
        .contains("does not exist");
  }
}
