package dev.sable.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Batch sizes are checked before any key setup or proof. */
class BenchProveCommandTest {

  @Test
  void batchSizesOutsideWhatTheSampleBatchesCanFillAreRefused() {
    assertThat(CommandFailures.failure("prove", "--trades", "3"))
        .isEqualTo("sable bench prove: --trades must be even and at least 2\n");
    assertThat(CommandFailures.failure("prove", "--quick", "--deposits", "249"))
        .contains("--deposits must be");
    assertThat(CommandFailures.failure("prove", "--withdrawals", "0"))
        .contains("--withdrawals at least 1");
    assertThat(CommandFailures.failure("prove", "--quick", "--liquidations", "0"))
        .isEqualTo("sable bench prove: --liquidations and --adl-fills must be at least 1\n");
    assertThat(CommandFailures.failure("prove", "--adl-fills", "0"))
        .contains("--adl-fills must be at least 1");
  }
}
