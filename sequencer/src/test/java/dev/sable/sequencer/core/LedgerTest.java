package dev.sable.sequencer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.TestExchange;
import dev.sable.sequencer.event.Event;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * The state hash records each account whose hashed numbers a command changed (docs/sequencer.md,
   * "State hash"), and an active market's funding index is one of them: settling funding records
   * the account whenever it moves that index, also when nothing is paid (a flat position with open
   * orders, or a payment that rounds to zero), and not for a market the hash does not read.
   */
  @Test
  void settlingFundingRecordsTheAccountWhenTheHashedIndexMovesEvenIfNothingIsPaid() {
    ExchangeState state = new ExchangeState();
    List<Event> events = new ArrayList<>();
    Ledger ledger = new Ledger(state, events::add);
    Account a = longTenBoughtAt100(state, 5_000);
    Market m = state.market(0);
    a.set(0, Account.SIZE, 0);
    a.set(0, Account.COST, 0);
    a.set(0, Account.OPEN_BUY, 3);
    a.refreshActive(0); // flat, with a resting buy: active, its funding index hashed

    state.beginCommand();
    m.fundingIndex = 40;
    ledger.settleFunding(a, m);
    assertThat(a.fundingIndex(0)).isEqualTo(40);
    assertThat(events).as("a flat position pays nothing").isEmpty();
    assertThat(recorded(state)).as("flat with orders").containsExactly(1);

    a.set(0, Account.SIZE, 1);
    a.refreshActive(0);
    state.beginCommand();
    m.fundingIndex = 39; // ceil(1 * -1 / 10^6) = 0: nothing paid
    ledger.settleFunding(a, m);
    assertThat(a.fundingIndex(0)).isEqualTo(39);
    assertThat(events).as("a payment that rounds to zero").isEmpty();
    assertThat(recorded(state)).as("a long of one, index down by one").containsExactly(1);

    a.set(0, Account.SIZE, 0);
    a.set(0, Account.OPEN_BUY, 0);
    a.refreshActive(0); // nothing in the market: its funding index is not hashed
    state.beginCommand();
    m.fundingIndex = 90;
    ledger.settleFunding(a, m);
    assertThat(a.fundingIndex(0)).isEqualTo(90);
    assertThat(recorded(state)).as("an inactive market's index").isEmpty();
    assertThat(a.collateral).isEqualTo(5_000);
  }

  private static List<Integer> recorded(ExchangeState state) {
    List<Integer> ids = new ArrayList<>();
    for (int k = 0; k < state.changedAccountCount(); k++) {
      ids.add(state.changedAccount(k));
    }
    return ids;
  }
}
