package dev.sable.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.Capacities;
import dev.sable.batch.sequencer.SettlementMarkets;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.node.TestMarkets;
import dev.sable.node.clock.DevOracle;
import dev.sable.node.config.MarketConfig;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.market.OptionTerms;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.MarketLeafV2;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The genesis markets of a node: an option is listed with its terms when the circuit has option
 * rows, and refused, naming the circuit, when it has none.
 */
class SettlementGenesisTest {
  static final MarketSpec PERP = TestMarkets.market("ETH-PERP", 1, 1, 1_000_000, 10_000_000);
  static final MarketSpec CALL_SPEC = TestMarkets.market("ETH-C3000", 1, 1, 100_000, 10_000_000);
  static final OptionTerms CALL = new OptionTerms(0, OptionKind.CALL, 3_000, 4_000_000_000_000L, 1);
  static final List<MarketConfig> CONFIGURED =
      List.of(new MarketConfig(PERP, 3_000, null), new MarketConfig(CALL_SPEC, 500_000, CALL));
  static final KeyPoint ORACLE =
      DevOracle.source(EdDsaPrivateKey.fromSeed(SequencerBatchesTest.seed(7)));

  @Test
  void anOptionIsListedWithItsTermsWhenTheCircuitHasOptionRows() {
    List<MarketLeafV2> markets =
        SettlementGenesis.markets(CONFIGURED, ORACLE, Capacities.TINY_L2_Q1_OPT_OWNER);
    assertThat(markets.get(0).isOption()).isFalse();
    assertThat(markets.get(1).isOption()).isTrue();
    assertThat(markets.get(1).option()).isEqualTo(SettlementMarkets.terms(CALL));
    assertThat(markets.get(1).paramsHash())
        .as("the terms are in the leaf")
        .isNotEqualTo(MarketLeafV2.listed(1, markets.get(1).params(), List.of()).paramsHash());
    assertThat(markets.get(1).oracleKeys().get(0)).isEqualTo(ORACLE);
    assertThat(SettlementGenesis.root(markets))
        .as("a genesis root with the option")
        .isNotEqualTo(
            SettlementGenesis.root(
                SettlementGenesis.markets(
                    CONFIGURED.subList(0, 1), ORACLE, Capacities.TINY_L2_Q1_OPT_OWNER)));
  }

  @Test
  void anOptionWithACircuitWithoutOptionRowsIsRefusedInOneLine() {
    assertThatThrownBy(
            () -> SettlementGenesis.markets(CONFIGURED, ORACLE, Capacities.TINY_L2_Q1_OWNER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("market 1 is an option")
        .hasMessageContaining(Capacities.TINY_L2_Q1_OWNER.circuitName() + " has no option rows")
        .hasMessageNotContaining("\n");
  }
}
