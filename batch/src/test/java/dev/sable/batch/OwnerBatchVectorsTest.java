package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/ownerbatches.txt, made by Go (circuits/batchvectors): the scenario and seeded
 * random batches at the Owner capacities (Sweep with the owner-data section). Java derives each
 * batch's ephemeral scalar from the history's owner-data secret and rebuilds every batch: every
 * row, result, public data element (the owner-data section: the new state's preimage, E, each row's
 * account, leaf and ciphertext), public input and witness element (the scalar included) must match
 * Go's.
 */
class OwnerBatchVectorsTest {

  @Test
  void javaPublishesEveryGoOwnerDataSectionValueForValue() throws IOException {
    VectorReplay replay = VectorReplay.of("ownerbatches.txt");
    assertThat(replay.mismatches).as("mismatches with ownerbatches.txt").isEmpty();
    assertThat(replay.batches).as("batches replayed").isEqualTo(9);
    assertThat(replay.witnessElementsChecked).as("witness elements compared").isPositive();
  }

  @Test
  void aBuilderOfAnOwnerDataCircuitNeedsASecret() {
    assertThatThrownBy(() -> new BatchBuilder(Capacities.OWNER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("owner-data secret");
    assertThat(Capacities.OWNER.circuitName())
        .isEqualTo("settlement-m2-k3-a6-d3-o4-t3-w2-l8-owner");
  }
}
