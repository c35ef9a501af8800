package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/expiries.txt, made by Go (circuits/batchvectors): the option scenario at the
 * OPTION_EXPIRIES capacities and the batch at the options' expiry, at S = 52,000 (calls pay) and S
 * = 47,000 (puts pay), rebuilt by Java's builder value for value: the expiry steps' rows, the
 * settled collateral and emptied slots, the option leaves storing S, every witness element of the
 * expiry batches.
 */
class ExpiryVectorsTest {

  @Test
  void javaRebuildsEveryGoExpiryBatchValueForValue() throws IOException {
    VectorReplay replay = VectorReplay.of("expiries.txt");
    assertThat(replay.mismatches).as("mismatches with expiries.txt").isEmpty();
    assertThat(replay.batches).as("batches replayed").isEqualTo(8);
    assertThat(replay.expiriesChecked).as("expiry steps compared").isEqualTo(10);
    assertThat(replay.witnessElementsChecked)
        .as("witness elements compared one by one")
        .isGreaterThan(2 * 700);
  }
}
