package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/liquidation.txt, made by Go (circuits/batchvectors): the liquidation scenario (a
 * close and a takeover with a surplus, the fund's unwind, a cover and ADL fills after a funding
 * tick, an uncovered deficit after a close, a flat account liquidated) and the bound scenario (a
 * takeover up to the fund's bound, then ADL at the mark), each from its own genesis at the Sweep
 * capacities. Java rebuilds every batch through its builder and matches every row (liquidation
 * steps included), result, public data element (the steps' included), public input and witness.
 */
class LiquidationVectorsTest {

  @Test
  void javaRebuildsEveryGoLiquidationBatchValueForValue() throws IOException {
    VectorReplay replay = VectorReplay.of("liquidation.txt");
    assertThat(replay.mismatches).as("mismatches with liquidation.txt").isEmpty();
    assertThat(replay.batches).as("batches replayed").isEqualTo(10);
    assertThat(replay.stepsChecked).as("liquidation steps compared").isEqualTo(18);
    assertThat(replay.witnessElementsChecked)
        .as("witness elements compared one by one")
        .isPositive();
  }
}
