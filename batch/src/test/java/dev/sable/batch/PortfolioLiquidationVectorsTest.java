package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/pmliq.txt, made by Go (circuits/batchvectors): batchgen's portfolio liquidation
 * scenario at -l2-q1-s2-opt-pm, rebuilt by Java's builder value for value: alice (portfolio margin
 * by her signed switch) paid her forced request down to her portfolio initial requirement
 * (1,512,700, where the cross rule pays nothing), then carol switched to portfolio margin and
 * liquidated below her portfolio maintenance (the fund takes her short over at 51,010: two steps),
 * every witness element.
 */
class PortfolioLiquidationVectorsTest {

  @Test
  void javaRebuildsEveryGoPortfolioLiquidationBatchValueForValue() throws IOException {
    VectorReplay replay = VectorReplay.of("pmliq.txt");
    assertThat(replay.mismatches).as("mismatches with pmliq.txt").isEmpty();
    assertThat(replay.batches).as("batches replayed").isEqualTo(5);
    assertThat(replay.switchesRead).as("switches read").isEqualTo(2);
    assertThat(replay.requestsChecked).as("requests checked").isEqualTo(1);
    assertThat(replay.stepsChecked).as("liquidation steps checked").isEqualTo(2);
    assertThat(replay.witnessElementsChecked)
        .as("witness elements compared one by one")
        .isGreaterThan(5 * 800);
  }
}
