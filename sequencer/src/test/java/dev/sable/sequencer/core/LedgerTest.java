package dev.sable.sequencer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.TestExchange;
import org.junit.jupiter.api.Test;

class LedgerTest {

  /** An account long 10 bought for 1,000 in market 0 (a perpetual), with the given collateral. */
  private static Account longTenBoughtAt100(ExchangeState state, long collateral) {
    state.addMarket(new Market(0, TestExchange.spec(0, 0), null, new ArrayOrderBook()));
    Account a = state.createAccount(1, TestExchange.key(1));
    a.ensureMarket(0);
    a.set(0, Account.SIZE, 10);
    a.set(0, Account.COST, 1_000);
    a.refreshActive(0);
    a.collateral = collateral;
    return a;
  }

  @Test
  void overflowingRealizedPnlLeavesThePositionUnchanged() {
    ExchangeState state = new ExchangeState();
    Ledger ledger = new Ledger(state, e -> {});
    Account a = longTenBoughtAt100(state, Long.MAX_VALUE - 5);

    // Closing 10 bought at 100 by selling at 200 realizes 1,000: collateral would overflow.
    assertThatThrownBy(() -> ledger.applyFill(a, 0, -10, 200))
        .isInstanceOf(ArithmeticException.class);

    assertThat(a.size(0)).isEqualTo(10);
    assertThat(a.cost(0)).isEqualTo(1_000);
    assertThat(a.collateral).isEqualTo(Long.MAX_VALUE - 5);
  }

  @Test
  void closingAtAHigherPriceRealizesTheDifference() {
    ExchangeState state = new ExchangeState();
    Ledger ledger = new Ledger(state, e -> {});
    Account a = longTenBoughtAt100(state, 50);

    assertThat(ledger.applyFill(a, 0, -4, 200)).isEqualTo(400);

    assertThat(a.size(0)).isEqualTo(6);
    assertThat(a.cost(0)).isEqualTo(600);
    assertThat(a.collateral).isEqualTo(450);
  }
}
