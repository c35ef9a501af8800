package dev.sable.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.Capacities;
import dev.sable.node.TestNodes;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Option markets in the node's configuration: each static listing rule refuses, naming it. */
class OptionMarketConfigTest {
  private static final String SPEC =
      " tickSize: 1, lotSize: 1, initialMarginPpm: 100000, maintenanceMarginPpm: 50000,"
          + " makerFeePpm: 0, takerFeePpm: 0, maxPosition: 10000, oracleSources: 1,"
          + " oracleStaleness: 3600000, fundingInterval: 3600000, fundingClampPpm: 2000,"
          + " impactQuantity: 100";

  @TempDir Path dir;

  private NodeConfig load(String optionMaxPrice, String vol, String terms) {
    return TestNodes.config(
        dir,
        "markets:\n"
            + "  - {spec: {symbol: P, maxPrice: 1000000,"
            + SPEC
            + "}, devOraclePrice: 3000}\n"
            + "  - {spec: {symbol: C, maxPrice: "
            + optionMaxPrice
            + ","
            + SPEC
            + "}, devOraclePrice: "
            + vol
            + ", option: {"
            + terms
            + "}}\n");
  }

  private static String terms(String underlying, String kind, String strike) {
    return "underlyingMarket: "
        + underlying
        + ", kind: "
        + kind
        + ", strike: "
        + strike
        + ", expiry: 4000000000000, contractSize: 1";
  }

  @Test
  void aValidOptionIsLoadedWithItsTerms() {
    NodeConfig c = load("1000000", "800000", terms("0", "PUT", "3000"));
    assertThat(c.markets().get(1).isOption()).isTrue();
    assertThat(c.markets().get(1).option().strike()).isEqualTo(3000);
    assertThat(c.markets().get(0).isOption()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1000000 | 800000 | 1 | CALL | 3000 | markets[1].option.underlyingMarket",
        "1000000 | 800000 | 0 | CALL | 0 | markets[1].option.strike",
        "999999 | 800000 | 0 | CALL | 3000 | markets[1].spec.maxPrice",
        "1000000 | 800000 | 0 | CALL | 2000000 | markets[1].spec.maxPrice",
        "1000000 | 999 | 0 | CALL | 3000 | markets[1].devOraclePrice",
        "1000000 | 10000001 | 0 | CALL | 3000 | markets[1].devOraclePrice",
      })
  void anOptionBreakingAStaticRuleIsRefusedNamingTheSetting(
      String maxPrice, String vol, String underlying, String kind, String strike, String setting) {
    assertThatThrownBy(() -> load(maxPrice, vol, terms(underlying, kind, strike)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(setting);
  }

  /**
   * With L1 batches an option needs a circuit with option rows: the node refuses to start with a
   * one-line error naming the setting and the circuit, and starts at the {@code -opt} preset.
   */
  @Test
  void anOptionWithL1BatchesNeedsACircuitWithOptionRows() throws Exception {
    Path file = dir.resolve("sable.yaml");
    load("1000000", "800000", terms("0", "CALL", "3000")); // writes the file: l1 none, no batches
    Map<String, String> batches =
        Map.of(
            "SABLE_L1_MODE", "local",
            "SABLE_PIPELINE_ENABLED", "true",
            "SABLE_PIPELINE_CAPACITIES", "tiny_l2_q1_owner");
    assertThatThrownBy(() -> ConfigLoader.load(file, batches))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("markets[1].option")
        .hasMessageContaining("settlement-m1-k1-a2-d2-o2-t1-w1-l2-q1-owner has none")
        .hasMessageNotContaining("\n");
    Map<String, String> withOptionRows = new HashMap<>(batches);
    withOptionRows.put("SABLE_PIPELINE_CAPACITIES", "tiny_l2_q1_opt_owner");
    assertThat(ConfigLoader.load(file, withOptionRows).markets().get(1).isOption()).isTrue();
    withOptionRows.put("SABLE_PIPELINE_CAPACITIES", "tiny_l2_q1_opt_pm_owner");
    assertThat(ConfigLoader.load(file, withOptionRows).pipeline().capacities().capacities())
        .as("the portfolio preset")
        .isEqualTo(Capacities.TINY_L2_Q1_OPT_PM_OWNER);
    withOptionRows.put("SABLE_PIPELINE_CAPACITIES", "tiny_l2_q1_s1_opt_pm_owner");
    assertThat(ConfigLoader.load(file, withOptionRows).pipeline().capacities().capacities())
        .as("the portfolio preset with a switch slot")
        .isEqualTo(Capacities.TINY_L2_Q1_S1_OPT_PM_OWNER);
    withOptionRows.put("SABLE_PIPELINE_CAPACITIES", "tiny_l2_q1_e2_opt_owner");
    assertThat(
            ConfigLoader.load(file, withOptionRows)
                .pipeline()
                .capacities()
                .capacities()
                .circuitName())
        .as("the expiry preset")
        .isEqualTo("settlement-m2-k1-a2-d2-o2-t1-w1-l2-q1-e2-opt-owner");
  }

  @Test
  void anOptionWithoutAKindIsRefused() {
    assertThatThrownBy(
            () ->
                load(
                    "1000000",
                    "800000",
                    "underlyingMarket: 0, strike: 3000, expiry: 4000000000000, contractSize: 1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("markets[1].option.kind");
  }
}
