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

  private Path twoMarkets() throws IOException {
    StringBuilder yaml = new StringBuilder("markets:\n");
    for (String symbol : new String[] {"ETH-PERP", "BTC-PERP"}) {
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
    return Files.writeString(dir.resolve("two-markets.yaml"), yaml.toString());
  }
}
