package dev.sable.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Batch sizes are checked before any key setup or proof. */
class BenchProveCommandTest {

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
  void batchSizesOutsideWhatTheSampleBatchesCanFillAreRefused() {
    assertThat(failure("prove", "--trades", "3"))
        .isEqualTo("sable bench prove: --trades must be even and at least 2\n");
    assertThat(failure("prove", "--quick", "--deposits", "249")).contains("--deposits must be");
    assertThat(failure("prove", "--withdrawals", "0")).contains("--withdrawals at least 1");
  }
}
