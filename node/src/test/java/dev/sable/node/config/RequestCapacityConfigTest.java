package dev.sable.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.Capacities;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node refuses to start with a circuit whose request slots could meet a forced request they
 * cannot serve (docs/settlement.md, "Capacity hazard"): one line naming the setting.
 */
class RequestCapacityConfigTest {
  @TempDir Path dir;

  @Test
  void theDefaultServesForcedRequestsOfItsOneMarket() {
    NodeConfig config = ConfigLoader.load(null, Map.of());
    assertThat(config.pipeline().capacities().capacities()).isEqualTo(Capacities.TINY_L2_Q1_OWNER);
    assertThat(config.markets()).hasSize(1);
  }

  @Test
  void twoMarketsAtTheDefaultAreRefusedWithL1Batches() throws IOException {
    Path file = twoMarkets();
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "setting pipeline.capacities: settlement-m1-k1-a2-d2-o2-t1-w1-l2-q1")
        .hasMessageContaining("with 2 markets listed")
        .hasMessageNotContaining("\n");
  }

  @Test
  void twoMarketsAreAcceptedAtACircuitWithRowsForBoth() throws IOException {
    Path file = twoMarkets();
    assertThat(ConfigLoader.load(file, Map.of("SABLE_PIPELINE_CAPACITIES", "forced")).markets())
        .hasSize(2);
  }

  @Test
  void withoutL1BatchesNoRequestIsServedAndTheRuleDoesNotApply() throws IOException {
    Path file = twoMarkets();
    assertThat(ConfigLoader.load(file, Map.of("SABLE_L1_MODE", "none")).markets()).hasSize(2);
  }

  /**
   * Three listed markets: the default (1 market row) and forced (2) are refused, the 8-row preset
   * starts, and so it does with 8 and with 9 markets (an account holds at most 8).
   */
  @Test
  void threeOrMoreMarketsStartAtTheEightRowPreset() throws IOException {
    Path three = markets("ETH-PERP", "BTC-PERP", "SOL-PERP");
    assertThatThrownBy(() -> ConfigLoader.load(three, Map.of()))
        .hasMessageContaining("with 3 markets listed an account's forced request can need 3");
    assertThatThrownBy(
            () -> ConfigLoader.load(three, Map.of("SABLE_PIPELINE_CAPACITIES", "forced")))
        .hasMessageContaining("has 2 market rows, but with 3 markets listed");
    Map<String, String> preset = Map.of("SABLE_PIPELINE_CAPACITIES", "tiny_m8_l2_q1_owner");
    NodeConfig config = ConfigLoader.load(three, preset);
    assertThat(config.markets()).hasSize(3);
    assertThat(config.pipeline().capacities().capacities())
        .isEqualTo(Capacities.TINY_M8_L2_Q1_OWNER);
    assertThat(config.pipeline().capacities().capacities().circuitName())
        .isEqualTo("settlement-m8-k1-a2-d2-o2-t1-w1-l2-q1-owner");
    String[] eight = {
      "A-PERP", "B-PERP", "C-PERP", "D-PERP", "E-PERP", "F-PERP", "G-PERP", "H-PERP"
    };
    assertThat(ConfigLoader.load(markets(eight), preset).markets()).hasSize(8);
    String[] more = java.util.Arrays.copyOf(eight, 9);
    more[8] = "I-PERP";
    assertThat(ConfigLoader.load(markets(more), preset).markets()).hasSize(9);
  }

  private Path twoMarkets() throws IOException {
    return markets("ETH-PERP", "BTC-PERP");
  }

  private Path markets(String... symbols) throws IOException {
    StringBuilder yaml = new StringBuilder("markets:\n");
    for (String symbol : symbols) {
      yaml.append(
          """
            - spec:
                symbol: %s
                tickSize: 1
                lotSize: 1
                initialMarginPpm: 100000
                maintenanceMarginPpm: 50000
                makerFeePpm: 0
                takerFeePpm: 500
                maxPosition: 1000000
                maxPrice: 10000000
                oracleSources: 1
                oracleStaleness: 60000
                fundingInterval: 3600000
                fundingClampPpm: 2000
                impactQuantity: 100
              devOraclePrice: 3000
          """
              .formatted(symbol));
    }
    return Files.writeString(dir.resolve(symbols.length + "-markets.yaml"), yaml.toString());
  }
}
