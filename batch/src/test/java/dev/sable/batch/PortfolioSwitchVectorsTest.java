package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/pmswitch.txt, made by Go (circuits/batchvectors): the portfolio scenario at the
 * PORTFOLIO_SWITCHES capacities (-s2-opt-pm), alice switching to portfolio margin by a signed
 * request in the batch of her covered call and back to cross after a deposit, rebuilt by Java's
 * builder value for value: the switch slots (their fill slots closed at (requestId, 2^63-1)), the
 * account's mode lane after each switch, every witness element.
 */
class PortfolioSwitchVectorsTest {

  @Test
  void javaRebuildsEveryGoSwitchBatchValueForValue() throws IOException {
    VectorReplay replay = VectorReplay.of("pmswitch.txt");
    assertThat(replay.mismatches).as("mismatches with pmswitch.txt").isEmpty();
    assertThat(replay.batches).as("batches replayed").isEqualTo(4);
    assertThat(replay.switchesRead).as("switches read").isEqualTo(2);
    assertThat(replay.modesSet).as("modes set outside a batch").isZero();
    // 778 elements of a PORTFOLIO batch, then two switch slots of 20 each
    assertThat(replay.witnessElementsChecked)
        .as("witness elements compared one by one")
        .isEqualTo(4 * (778 + 2 * 20));
  }

  @Test
  void theCircuitNameCarriesTheSwitchSlots() {
    assertThat(Capacities.PORTFOLIO_SWITCHES.circuitName())
        .isEqualTo("settlement-m3-k3-a4-d3-o4-t3-w2-s2-opt-pm");
  }
}
