package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The capacity rule of circuits with request slots (docs/settlement.md, "Capacity hazard"). */
class RequestRuleTest {
  @Test
  void circuitsWithoutRequestSlotsServeNoneAndNeedNoRows() {
    assertThat(Capacities.TINY.requestRule(64)).isEmpty();
    assertThat(Capacities.TINY_L2.requestRule(64)).isEmpty();
  }

  @Test
  void oneMarketRowServesTheRequestsOfAGenesisWithOneMarket() {
    assertThat(Capacities.TINY_L2_Q1.requestRule(1)).isEmpty();
  }

  @Test
  void fewerMarketRowsThanAnAccountCanHoldAreRefused() {
    assertThat(Capacities.TINY_L2_Q1.requestRule(2))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("settlement-m1-k1-a2-d2-o2-t1-w1-l2-q1 has 1 market rows")
                    .contains("with 2 markets listed")
                    .doesNotContain("\n"));
    // Forced has 2 rows: enough for 2 listed markets, not for 3
    assertThat(Capacities.FORCED.requestRule(2)).isEmpty();
    assertThat(Capacities.FORCED.requestRule(3)).isPresent();
  }

  @Test
  void eightMarketRowsServeAnyGenesisBecauseAnAccountHoldsAtMostEightMarkets() {
    Capacities eight = Capacities.slots(8, 1, 2, 1, 1, 1, 1).steps(2).requests(1).build();
    assertThat(eight.requestRule(64)).isEmpty();
    assertThat(Capacities.slots(7, 1, 2, 1, 1, 1, 1).steps(2).requests(1).build().requestRule(64))
        .hasValueSatisfying(why -> assertThat(why).contains("can need 8"));
  }

  @Test
  void theEightRowPresetServesTheRequestsOfAnyGenesis() {
    for (int listed = 1; listed <= 64; listed++) {
      assertThat(Capacities.TINY_M8_L2_Q1_OWNER.requestRule(listed))
          .as("%d listed", listed)
          .isEmpty();
    }
    assertThat(Capacities.TINY_M8_L2_Q1_OWNER.circuitName())
        .isEqualTo("settlement-m8-k1-a2-d2-o2-t1-w1-l2-q1-owner");
  }

  @Test
  void withLiquidationStepsTheRequestsAccountNeedsARowBesideTheFund() {
    assertThat(Capacities.slots(1, 1, 1, 1, 1, 1, 1).steps(2).requests(1).build().requestRule(1))
        .hasValueSatisfying(why -> assertThat(why).contains("1 account rows").contains("fund"));
    assertThat(Capacities.slots(1, 1, 1, 1, 1, 1, 1).requests(1).build().requestRule(1)).isEmpty();
  }
}
