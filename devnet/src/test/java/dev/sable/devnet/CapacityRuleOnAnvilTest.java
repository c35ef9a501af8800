package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.Capacities;
import dev.sable.l1.SettlementBridgeClient;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The node's capacity rule (Java {@code Capacities.requestRule}) and the bridge's (its constructor,
 * docs/bridge.md "Governance and reads") agree on the node's presets: a real SettlementBridge on
 * anvil deploys at a preset and a count of genesis markets exactly when the node would start with
 * them, and keeps the count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CapacityRuleOnAnvilTest {
  static final List<Capacities> PRESETS =
      List.of(
          Capacities.TINY,
          Capacities.TINY_L2_Q1,
          Capacities.TINY_L2_Q1_OWNER,
          Capacities.TINY_M8_L2_Q1_OWNER,
          Capacities.TINY_L2_Q1_OPT_PM_OWNER,
          Capacities.TINY_L2_Q1_S1_OPT_PM_OWNER,
          Capacities.FORCED,
          Capacities.OWNER);

  BridgeDeployer chain;

  @BeforeAll
  void start() throws IOException {
    chain = BridgeDeployer.start();
  }

  @AfterAll
  void stop() {
    chain.close();
  }

  SettlementBridgeClient deploy(Capacities c, int markets) {
    return chain.deploy(c, BigInteger.ONE, markets);
  }

  @Test
  void theBridgeDeploysAtAPresetExactlyWhenTheNodeWouldStartWithIt() {
    for (int markets : new int[] {1, 2, 3, 8, 9}) {
      for (Capacities c : PRESETS) {
        String what = c.circuitName() + " with " + markets + " markets";
        if (c.requestRule(markets).isEmpty()) {
          assertThat(deploy(c, markets).genesisMarkets()).as(what).isEqualTo(markets);
        } else {
          assertThatThrownBy(() -> deploy(c, markets))
              .as(what)
              .hasMessageContaining("contract deployment failed");
        }
      }
    }
  }

  @Test
  void theRuleRefusesTheDefaultAtThreeMarketsAndTakesTheEightRowPreset() {
    assertThatThrownBy(() -> deploy(Capacities.TINY_L2_Q1_OWNER, 3))
        .hasMessageContaining("contract deployment failed");
    assertThat(deploy(Capacities.TINY_M8_L2_Q1_OWNER, 3).layout().marketRows()).isEqualTo(8);
  }
}
