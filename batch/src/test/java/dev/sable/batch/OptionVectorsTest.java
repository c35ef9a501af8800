package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/options.txt, made by Go (circuits/batchvectors): the option scenario at the
 * OPTIONS capacities (option terms in the market leaves, committed option marks, the premium at the
 * fill, the margin price), rebuilt by Java's builder value for value, every witness element
 * included.
 */
class OptionVectorsTest {

  @Test
  void javaRebuildsEveryGoOptionBatchValueForValue() throws IOException {
    VectorReplay replay = VectorReplay.of("options.txt");
    assertThat(replay.mismatches).as("mismatches with options.txt").isEmpty();
    assertThat(replay.batches).as("batches replayed").isEqualTo(3);
    assertThat(replay.witnessElementsChecked)
        .as("witness elements compared one by one")
        .isGreaterThan(3 * 700);
  }
}
