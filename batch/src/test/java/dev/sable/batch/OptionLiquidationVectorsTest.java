package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/optliq.txt, made by Go (circuits/batchvectors): batchgen's option liquidation
 * scenario at -l4-opt, rebuilt by Java's builder value for value: carol's short puts closed into
 * dan's offer and taken over by the fund at the option's mark, the fund's unwind into alice's offer
 * (four steps), then dan's short puts auto-deleveraged against alice (three steps), every fill's
 * premium moved to collateral, every witness element.
 */
class OptionLiquidationVectorsTest {

  @Test
  void javaRebuildsEveryGoOptionLiquidationBatchValueForValue() throws IOException {
    VectorReplay replay = VectorReplay.of("optliq.txt");
    assertThat(replay.mismatches).as("mismatches with optliq.txt").isEmpty();
    assertThat(replay.batches).as("batches replayed").isEqualTo(4);
    assertThat(replay.stepsChecked).as("liquidation steps checked").isEqualTo(7);
    assertThat(replay.witnessElementsChecked)
        .as("witness elements compared one by one")
        .isGreaterThan(4 * 800);
  }
}
