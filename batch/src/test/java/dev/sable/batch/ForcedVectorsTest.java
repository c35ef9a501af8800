package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/forced.txt, made by Go (circuits/batchvectors): the scenario at the Forced
 * capacities, whose batch 3 also serves valid forced withdrawal requests (one paid up to the
 * initial requirement, one up to its maxAmount, one of an account that does not exist, paid 0) and
 * batch 4 invalid ones (a signature that is no curve point, another key's, a stale nonce; each paid
 * 0), then batch 5 one naming the keyless insurance fund (paid 0). Java rebuilds every batch and
 * matches every row (the request slots and what each was paid), result, public data element, public
 * input and witness element.
 */
class ForcedVectorsTest {

  @Test
  void javaServesEveryGoForcedRequestValueForValue() throws IOException {
    VectorReplay replay = VectorReplay.of("forced.txt");
    assertThat(replay.mismatches).as("mismatches with forced.txt").isEmpty();
    assertThat(replay.batches).as("batches replayed").isEqualTo(5);
    assertThat(replay.requestsChecked).as("request slots compared").isEqualTo(7);
    assertThat(replay.witnessElementsChecked).as("witness elements compared").isPositive();
  }
}
