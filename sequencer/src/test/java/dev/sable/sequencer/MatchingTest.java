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
import dev.sable.sequencer.event.Event.Fill;
import dev.sable.sequencer.event.RejectReason;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MatchingTest {
  private TestExchange x;
  private int m;

  @BeforeEach
  void setUp() {
    x = new TestExchange();
    // maker rebate 0.01%, taker fee 0.05%
    m = x.market(TestExchange.spec(-100, 500), 10_000);
    for (int a = 1; a <= 5; a++) {
      x.deposit(a, 10_000_000);
    }
  }

  private OrderBook book() {
    return x.seq.state().markets().get(m).book();
  }

  @Test
  void priceThenTimePriorityWithPartialFillAndFees() {
    x.limit(1, m, 1, SELL, 10_010, 10);
    x.limit(2, m, 1, SELL, 10_000, 5);
    x.limit(3, m, 1, SELL, 10_000, 5);
    List<Fill> fills = TestExchange.of(x.limit(4, m, 1, BUY, 10_010, 12), Fill.class);

    assertThat(fills).extracting(Fill::maker).containsExactly(2, 3, 1);
    assertThat(fills).extracting(Fill::price).containsExactly(10_000L, 10_000L, 10_010L);
    assertThat(fills).extracting(Fill::quantity).containsExactly(5L, 5L, 2L);
    // 50_000 notional: taker 25 exactly, rebate 5 exactly
    assertThat(fills.get(0).takerFee()).isEqualTo(25);
    assertThat(fills.get(0).makerFee()).isEqualTo(-5);
    // 20_020 notional: taker ceil(10.01) = 11, rebate floor(2.002) = 2
    assertThat(fills.get(2).takerFee()).isEqualTo(11);
    assertThat(fills.get(2).makerFee()).isEqualTo(-2);
    assertThat(book().quantity(book().best(false))).isEqualTo(8);
    assertThat(x.account(4).size(m)).isEqualTo(12);
    assertThat(x.account(4).collateral()).isEqualTo(10_000_000 - 25 - 25 - 11);
    assertThat(x.account(2).collateral()).isEqualTo(10_000_000 + 5);
    assertThat(x.seq.state().feePool()).isEqualTo(25 + 25 + 11 - 5 - 5 - 2);
  }

  @Test
  void gtcRemainderRestsAndIocRemainderIsCancelled() {
    x.limit(1, m, 1, SELL, 10_000, 3);
    List<Event> gtc = x.limit(2, m, 1, BUY, 10_000, 5);
    assertThat(book().quantity(book().best(true))).isEqualTo(2);
    assertThat(x.account(2).openBuy(m)).isEqualTo(2);
    assertThat(TestExchange.of(gtc, Event.OrderCancelled.class)).isEmpty();

    x.limit(1, m, 2, SELL, 10_005, 3);
    List<Event> ioc = x.order(3, m, 1, BUY, OrderType.IOC, 10_005, 5);
    assertThat(TestExchange.of(ioc, Event.OrderCancelled.class))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.remaining()).isEqualTo(2);
              assertThat(c.reason()).isEqualTo(CancelReason.IOC_REMAINDER);
            });
    assertThat(book().best(false)).isEqualTo(OrderBook.NONE);
  }

  @Test
  void marketOrderStopsAtItsWorstPrice() {
    x.limit(1, m, 1, SELL, 10_000, 2);
    x.limit(1, m, 2, SELL, 10_050, 2);
    List<Event> events = x.order(2, m, 1, BUY, OrderType.MARKET, 10_020, 4);
    assertThat(TestExchange.of(events, Fill.class)).extracting(Fill::quantity).containsExactly(2L);
    assertThat(book().price(book().best(false))).isEqualTo(10_050);
  }

  @Test
  void fillOrKillFillsCompletely() {
    x.limit(1, m, 1, SELL, 10_000, 2);
    x.limit(2, m, 1, SELL, 10_001, 2);
    List<Event> events = x.order(3, m, 1, BUY, OrderType.FOK, 10_001, 4);
    assertThat(TestExchange.of(events, Fill.class)).hasSize(2);
    assertThat(x.account(3).size(m)).isEqualTo(4);
  }

  private List<Event> selfTrade(StpMode mode) {
    x.limit(1, m, 1, SELL, 10_000, 2);
    x.limit(2, m, 1, SELL, 10_001, 2);
    return x.apply(new Command.PlaceOrder(1, m, 2, BUY, OrderType.GTC, 10_001, 3, false, 0, mode));
  }

  @Test
  void selfTradeCancelTakerKeepsTheRestingOrder() {
    List<Event> events = selfTrade(StpMode.CANCEL_TAKER);
    assertThat(TestExchange.of(events, Fill.class)).isEmpty();
    assertThat(TestExchange.of(events, Event.OrderCancelled.class))
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).isEqualTo(CancelReason.SELF_TRADE));
    assertThat(book().account(book().best(false))).isEqualTo(1);
    assertThat(book().best(true)).isEqualTo(OrderBook.NONE);
  }

  @Test
  void selfTradeCancelMakerContinuesMatching() {
    List<Event> events = selfTrade(StpMode.CANCEL_MAKER);
    assertThat(TestExchange.of(events, Fill.class)).extracting(Fill::maker).containsExactly(2);
    // 1 of 3 unfilled rests as a bid
    assertThat(book().quantity(book().best(true))).isEqualTo(1);
    assertThat(x.account(1).openSell(m)).isZero();
  }

  @Test
  void selfTradeCancelBothCancelsEach() {
    List<Event> events = selfTrade(StpMode.CANCEL_BOTH);
    assertThat(TestExchange.of(events, Event.OrderCancelled.class)).hasSize(2);
    assertThat(TestExchange.of(events, Fill.class)).isEmpty();
    assertThat(book().account(book().best(false))).isEqualTo(2);
    assertThat(book().best(true)).isEqualTo(OrderBook.NONE);
  }

  @Test
  void amendDownKeepsPriorityOtherAmendsLoseIt() {
    x.limit(1, m, 1, BUY, 9_990, 5);
    x.limit(2, m, 1, BUY, 9_990, 5);
    x.apply(TestExchange.amendOf(1, 1, 9_990, 4));
    assertThat(book().account(book().best(true))).isEqualTo(1);
    assertThat(book().clientOrderId(book().best(true))).isEqualTo(1_025);
    x.apply(TestExchange.amendOf(1, 1_025, 9_990, 6));
    assertThat(book().account(book().best(true))).isEqualTo(2);
    assertThat(x.account(1).openBuy(m)).isEqualTo(6);
  }

  /** An amend is a new order in the same fill slot: the old client id is gone for good. */
  @Test
  void anAmendReplacesTheClientIdWithinItsFillSlot() {
    x.limit(1, m, 7, BUY, 9_990, 5);
    List<Event> events = x.apply(TestExchange.amendOf(1, 7, 9_980, 5));
    assertThat(TestExchange.of(events, Event.OrderAmended.class))
        .extracting(Event.OrderAmended::clientOrderId, Event.OrderAmended::keptPriority)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(7L + 1_024, false));
    assertThat(x.account(1).clientOrderIds()).containsExactly(7L + 1_024);
    assertThat(TestExchange.reason(x.apply(new Command.CancelOrder(1, 7))))
        .isEqualTo(RejectReason.UNKNOWN_ORDER);
    // once the new id filled, its slot never takes the old id again
    x.limit(2, m, 1, SELL, 9_980, 2);
    assertThat(x.account(1).lastFilled(Account.fillSlot(7))).isEqualTo(7 + 1_024);
    assertThat(TestExchange.reason(x.limit(1, m, 7, BUY, 9_970, 1)))
        .isEqualTo(RejectReason.FILL_SLOT_BUSY);
    x.apply(new Command.CancelOrder(1, 7 + 1_024));
    assertThat(TestExchange.reason(x.limit(1, m, 7, BUY, 9_970, 1)))
        .isEqualTo(RejectReason.CLIENT_ORDER_ID_USED);
  }

  @Test
  void amendThatCrossesMatches() {
    x.limit(1, m, 1, SELL, 10_000, 2);
    x.limit(2, m, 1, BUY, 9_990, 5);
    List<Event> events = x.apply(TestExchange.amendOf(2, 1, 10_000, 5));
    assertThat(TestExchange.of(events, Fill.class)).extracting(Fill::quantity).containsExactly(2L);
    assertThat(book().price(book().best(true))).isEqualTo(10_000);
    assertThat(book().quantity(book().best(true))).isEqualTo(3);
  }

  @Test
  void cancelAllOfOneMarketOnly() {
    int other = x.market(TestExchange.spec(0, 0), 10_000);
    x.limit(1, m, 1, BUY, 9_990, 1);
    x.limit(1, m, 2, SELL, 10_010, 1);
    x.limit(1, other, 3, BUY, 9_990, 1);
    List<Event> events = x.apply(new Command.CancelAll(1, m));
    assertThat(TestExchange.of(events, Event.OrderCancelled.class))
        .extracting(Event.OrderCancelled::clientOrderId)
        .containsExactly(1L, 2L);
    assertThat(x.account(1).clientOrderIds()).containsExactly(3L);
  }

  @Test
  void expiryCancelsAtTheTimeTick() {
    long now = x.seq.state().now();
    x.apply(
        new Command.PlaceOrder(
            1, m, 1, BUY, OrderType.GTC, 9_990, 1, false, now + 5, StpMode.CANCEL_TAKER));
    x.apply(new Command.TimeTick(now + 4));
    assertThat(book().size()).isEqualTo(1);
    List<Event> events = x.apply(new Command.TimeTick(now + 5));
    assertThat(TestExchange.of(events, Event.OrderCancelled.class))
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).isEqualTo(CancelReason.EXPIRED));
    assertThat(book().size()).isZero();
  }

  @Test
  void changedAccountsAreTakerAndMakers() {
    x.limit(1, m, 1, SELL, 10_000, 1);
    x.limit(2, m, 1, SELL, 10_000, 1);
    x.limit(3, m, 1, BUY, 10_000, 2);
    assertThat(x.seq.changedAccountCount()).isEqualTo(3);
    assertThat(java.util.stream.IntStream.range(0, 3).map(x.seq::changedAccount).sorted().toArray())
        .containsExactly(1, 2, 3);
  }
}
