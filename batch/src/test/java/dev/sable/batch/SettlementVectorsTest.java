package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/settlement.txt, made by Go (circuits/batchvectors), rebuilt by Java: genesis
 * from its records, then each batch's operations through the builder, and every row, result, the
 * public data, the public inputs and the witness (its digest, and element by element where the file
 * lists them) compared. Every mismatch is reported with the record it contradicts.
 */
class SettlementVectorsTest {

  @Test
  void javaRebuildsEveryGoBatchValueForValue() throws IOException {
    VectorReplay replay = VectorReplay.of("settlement.txt");
    assertThat(replay.mismatches).as("mismatches with settlement.txt").isEmpty();
    assertThat(replay.batches).as("batches replayed").isEqualTo(9);
    assertThat(replay.witnessElementsChecked)
        .as("witness elements compared one by one")
        .isPositive();
  }
}
