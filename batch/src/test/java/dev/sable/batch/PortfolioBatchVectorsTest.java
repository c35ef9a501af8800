package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/pmbatches.txt, made by Go (circuits/batchvectors): the portfolio scenario at the
 * PORTFOLIO capacities (-opt-pm): alice set to portfolio mode outside any batch after the first,
 * then a covered call the cross rule refuses and a withdrawal, rebuilt by Java's builder value for
 * value: the risk rows in the witness, the account's mode lane, the risk commitment as the public
 * data's last element, every witness element.
 */
class PortfolioBatchVectorsTest {

  @Test
  void javaRebuildsEveryGoPortfolioBatchValueForValue() throws IOException {
    VectorReplay replay = VectorReplay.of("pmbatches.txt");
    assertThat(replay.mismatches).as("mismatches with pmbatches.txt").isEmpty();
    assertThat(replay.batches).as("batches replayed").isEqualTo(3);
    assertThat(replay.modesSet).as("modes set outside a batch").isEqualTo(1);
    assertThat(replay.riskRows).as("risk rows read").isEqualTo(5);
    assertThat(replay.witnessElementsChecked)
        .as("witness elements compared one by one")
        .isGreaterThan(3 * 700);
  }
}
