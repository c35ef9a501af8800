package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.market.MarketStatus;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CollateralAndOrderFlowTest {
  private TestExchange x;
  private int m;

  @BeforeEach
  void setUp() {
    x = new TestExchange();
    m = x.feelessMarket(1_000);
  }

  @Test
  void depositCreatesTheAccountAndWithdrawalTakesFreeCollateral() {
    assertThat(x.account(7)).isNull();
    x.deposit(7, 50_000);
    x.deposit(8, 50_000);
    x.limit(8, m, 1, SELL, 1_000, 100);
    x.limit(7, m, 1, BUY, 1_000, 100); // long 100 at 1_000: initial requirement 10_000
    List<Event> events = x.withdraw(7, 40_000);
    assertThat(TestExchange.of(events, Event.Withdrawn.class)).hasSize(1);
    assertThat(x.account(7).collateral()).isEqualTo(10_000);
    assertThat(x.seq.state().netDeposits()).isEqualTo(60_000);
    assertThat(x.seq.changedAccount(0)).isEqualTo(7);
  }

  @Test
  void reduceOnlyIocClosesThePosition() {
    x.deposit(1, 1_000_000);
    x.deposit(2, 1_000_000);
    x.limit(2, m, 1, SELL, 1_000, 10);
    x.limit(1, m, 1, BUY, 1_000, 10);
    x.limit(2, m, 2, BUY, 999, 10);
    List<Event> events =
        x.apply(
            new Command.PlaceOrder(
                1, m, 2, SELL, OrderType.IOC, 999, 10, true, 0, StpMode.CANCEL_TAKER));
    assertThat(TestExchange.of(events, Event.Fill.class)).hasSize(1);
    assertThat(x.account(1).size(m)).isZero();
    assertThat(x.account(1).collateral()).isEqualTo(1_000_000 - 10);
  }

  @Test
  void restingReduceOnlyOrdersAreCutWhenThePositionShrinks() {
    x.deposit(1, 1_000_000);
    x.deposit(2, 1_000_000);
    x.limit(2, m, 1, SELL, 1_000, 10);
    x.limit(1, m, 1, BUY, 1_000, 10); // long 10
    for (long cid = 2; cid <= 4; cid++) { // take-profit sells of 3 + 3 + 3
      x.apply(
          new Command.PlaceOrder(
              1, m, cid, SELL, OrderType.GTC, 1_100 + cid, 3, true, 0, StpMode.CANCEL_TAKER));
    }
    x.limit(2, m, 2, BUY, 999, 5);
    List<Event> events = x.order(1, m, 5, SELL, OrderType.IOC, 999, 5); // long 5 left
    // 9 resting reduce-only no longer fit 5: the newest (cid 4) then cid 3 go, cid 2 stays
    assertThat(TestExchange.of(events, Event.OrderCancelled.class))
        .extracting(Event.OrderCancelled::clientOrderId, Event.OrderCancelled::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(4L, CancelReason.REDUCE_ONLY),
            org.assertj.core.groups.Tuple.tuple(3L, CancelReason.REDUCE_ONLY));
    assertThat(x.account(1).reduceOnlyOpen(m)).isEqualTo(3);
    x.limit(2, m, 3, BUY, 1_102, 3); // fills cid 2: long 2, no reduce-only order left
    assertThat(x.account(1).size(m)).isEqualTo(2);
    assertThat(x.account(1).reduceOnlyOpen(m)).isZero();
  }

  @Test
  void fillOrKillSkipsOwnOrdersUnderCancelMaker() {
    x.deposit(1, 1_000_000);
    x.deposit(2, 1_000_000);
    x.limit(1, m, 1, SELL, 1_000, 5);
    x.limit(2, m, 1, SELL, 1_001, 5);
    var fok =
        new Command.PlaceOrder(
            1, m, 2, BUY, OrderType.FOK, 1_001, 5, false, 0, StpMode.CANCEL_MAKER);
    List<Event> events = x.apply(fok);
    assertThat(TestExchange.reason(events)).isNull();
    assertThat(TestExchange.of(events, Event.Fill.class))
        .singleElement()
        .satisfies(f -> assertThat(f.maker()).isEqualTo(2));
    var sameUnderCancelTaker =
        new Command.PlaceOrder(
            1, m, 3, BUY, OrderType.FOK, 1_001, 1, false, 0, StpMode.CANCEL_TAKER);
    x.limit(1, m, 4, SELL, 1_000, 5);
    assertThat(x.rejection(sameUnderCancelTaker)).isNotNull();
  }

  @Test
  void cancelsWorkWhileHaltedAndCancelAllCoversEveryMarket() {
    int other = x.feelessMarket(1_000);
    x.deposit(1, 1_000_000);
    x.limit(1, m, 1, BUY, 990, 1);
    x.limit(1, other, 2, BUY, 990, 1);
    x.limit(1, other, 3, SELL, 1_010, 1);
    x.apply(new Command.SetMarketStatus(m, MarketStatus.HALTED));
    assertThat(TestExchange.reason(x.apply(new Command.CancelOrder(1, 1)))).isNull();
    List<Event> events = x.apply(new Command.CancelAll(1, -1));
    assertThat(TestExchange.of(events, Event.OrderCancelled.class)).hasSize(2);
    assertThat(x.account(1).activeMarkets()).isZero();
  }

  /**
   * A cancel by client id takes its account from the command and its market from the account's
   * index, not from the order: the named order leaves, and only its account's totals in its market
   * change (the same client id resting for another account, and the account's orders in another
   * market and on the other side, stay as they were).
   */
  @Test
  void aCancelChangesOnlyItsOwnOrdersAccountAndMarket() {
    int other = x.feelessMarket(1_000);
    x.deposit(1, 1_000_000);
    x.deposit(2, 1_000_000);
    x.limit(1, m, 1, BUY, 990, 2);
    x.limit(1, other, 2, BUY, 990, 3);
    x.limit(1, other, 3, SELL, 1_010, 4);
    x.limit(2, other, 2, BUY, 989, 5);

    List<Event.OrderCancelled> cancelled =
        TestExchange.of(x.apply(new Command.CancelOrder(1, 2)), Event.OrderCancelled.class);
    assertThat(cancelled).hasSize(1);
    Event.OrderCancelled c = cancelled.get(0);
    assertThat(List.of(c.account(), c.market(), (int) c.clientOrderId(), (int) c.remaining()))
        .containsExactly(1, other, 2, 3);
    assertThat(c.reason()).isEqualTo(CancelReason.USER);
    Account one = x.account(1);
    assertThat(List.of(one.openBuy(other), one.openSell(other), one.openBuy(m)))
        .containsExactly(0L, 4L, 2L);
    assertThat(x.account(2).openBuy(other)).isEqualTo(5);
    assertThat(x.account(2).orderId(2)).isNotEqualTo(OrderBook.NONE);
    assertThat(one.orderId(2)).isEqualTo(OrderBook.NONE);

    c = TestExchange.of(x.apply(new Command.CancelOrder(1, 1)), Event.OrderCancelled.class).get(0);
    assertThat(List.of(c.account(), c.market(), (int) c.remaining())).containsExactly(1, m, 2);
    assertThat(List.of(one.openBuy(m), one.openSell(other))).containsExactly(0L, 4L);
    assertThat(one.activeMarkets()).isEqualTo(1L << other);
  }
}
