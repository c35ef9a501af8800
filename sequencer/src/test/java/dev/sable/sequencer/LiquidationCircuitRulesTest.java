package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sweep follows the settlement circuit's liquidation rules (docs/settlement.md, requirements
 * 9-13): valid marks, the fund's position slots, the close maker's margin, the fund's unwinds.
 */
class LiquidationCircuitRulesTest {
  private static final int FUND = Account.INSURANCE_FUND;

  private static List<Event> sweep(TestExchange x) {
    return x.apply(new Command.LiquidationSweep());
  }

  /** Account {@code trader} long 100 at 1_000 with 10_000 (exactly 10%) against {@code maker}. */
  private static void longAtTheMargin(TestExchange x, int m, int trader, int maker) {
    x.deposit(trader, 10_000);
    x.deposit(maker, 10_000_000);
    x.limit(maker, m, 1, SELL, 1_000, 100);
    x.limit(trader, m, 1, BUY, 1_000, 100);
  }

  @Test
  void anAccountWaitsWhileAMarkIsStaleAndIsLiquidatedAtAFreshOne() {
    TestExchange x = new TestExchange();
    int m = x.feelessMarket(1_000);
    longAtTheMargin(x, m, 1, 2);
    x.oracle(m, 940); // equity 4_000 < maintenance 4_700
    x.apply(new Command.TimeTick(x.seq.state().now() + 101)); // every record older than 100
    assertThat(x.seq.state().market(m).markValid()).isFalse();
    assertThat(sweep(x)).isEmpty();
    assertThat(x.account(1).size(m)).isEqualTo(100);
    x.oracle(m, 940);
    assertThat(TestExchange.of(sweep(x), Event.Liquidated.class))
        .containsExactly(new Event.Liquidated(1, 4_000, 4_700));
    assertThat(x.account(1).size(m)).isZero();
  }

  /**
   * Markets 0..n-1: account 1 + i long 100 in market i against maker 20 + i, each taken over by the
   * fund after a crash to 940 (the fund then holds a position in n markets).
   */
  private static TestExchange fundHoldingMarkets(int n, int markets) {
    TestExchange x = new TestExchange();
    for (int i = 0; i < markets; i++) {
      x.feelessMarket(1_000);
    }
    x.deposit(FUND, 10_000_000);
    for (int i = 0; i < n; i++) {
      longAtTheMargin(x, i, 1 + i, 20 + i);
      x.oracle(i, 940);
      assertThat(TestExchange.of(sweep(x), Event.PositionTakeover.class)).hasSize(1);
    }
    assertThat(Long.bitCount(x.account(FUND).activeMarkets())).isEqualTo(n);
    return x;
  }

  @Test
  void theFundWithoutASlotForTheMarketDeleveragesInstead() {
    TestExchange x = fundHoldingMarkets(8, 9); // the eighth takeover found the last free slot
    longAtTheMargin(x, 8, 9, 28);
    x.oracle(8, 940);
    List<Event> events = sweep(x);
    assertThat(TestExchange.of(events, Event.PositionTakeover.class)).isEmpty();
    // the fund can pay and hold 100, but has no ninth slot: closed at the mark against 28
    assertThat(TestExchange.of(events, Event.AdlFill.class))
        .containsExactly(new Event.AdlFill(8, 9, 28, 100, 940, 100, -6_000, 6_000));
    assertThat(x.account(FUND).size(8)).isZero();
  }

  @Test
  void aLiquidationThatCouldNeedMoreSlotsThanTheFundHasLeftWaits() {
    TestExchange x = fundHoldingMarkets(7, 9); // one slot left
    x.deposit(9, 20_000);
    x.deposit(28, 10_000_000);
    for (int m = 7; m <= 8; m++) {
      x.limit(28, m, m, SELL, 1_000, 100);
      x.limit(9, m, m, BUY, 1_000, 100);
    }
    x.oracle(7, 940);
    x.oracle(8, 940); // 9: equity 8_000 < maintenance 9_400, in two markets the fund does not hold
    assertThat(sweep(x)).isEmpty();
    assertThat(x.account(9).size(7)).isEqualTo(100);
  }

  @Test
  void aCloseMakerBelowTheMarginRuleIsCancelledInsteadOfFilled() {
    TestExchange x = new TestExchange();
    int m = x.feelessMarket(1_000);
    int b = x.feelessMarket(1_000);
    longAtTheMargin(x, m, 1, 2);
    x.deposit(3, 20_000);
    x.limit(2, b, 2, SELL, 1_000, 100);
    x.limit(3, b, 1, BUY, 1_000, 100); // 3 long 100 in b: requirement 10_000
    x.limit(3, m, 2, BUY, 930, 100); // its bid needs the other 10_000
    x.oracle(b, 960);
    x.oracle(m, 940); // 1: equity 4_000 < maintenance 4_700
    List<Event> events = sweep(x);
    // filling the bid: 3's equity 16_000 + 100 * (940 - 930) = 17_000 < 9_600 + 9_400
    assertThat(TestExchange.of(events, Event.OrderCancelled.class))
        .filteredOn(c -> c.account() == 3)
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).isEqualTo(CancelReason.MARGIN));
    assertThat(TestExchange.of(events, Event.Fill.class)).isEmpty();
    assertThat(TestExchange.of(events, Event.PositionTakeover.class)).hasSize(1);
  }

  @Test
  void theFundUnwindsIntoTheBookWithinTheBandPayingTheTakerFee() {
    TestExchange x = new TestExchange();
    int m = x.market(TestExchange.spec(0, 1_000), 1_000); // taker fee 0.1%
    x.deposit(1, 1_000); // for its fee of 100
    longAtTheMargin(x, m, 1, 2);
    x.deposit(FUND, 1_000_000);
    x.oracle(m, 930); // 1: equity 11_000 - 100 - 7_000 = 3_900 < maintenance 4_650
    List<Event> first = sweep(x);
    assertThat(TestExchange.of(first, Event.PositionTakeover.class)).hasSize(1);
    assertThat(TestExchange.of(first, Event.Fill.class)).isEmpty(); // no bid to unwind into
    long fundBefore = x.account(FUND).collateral();
    x.deposit(3, 10_000_000);
    x.limit(3, m, 1, BUY, 920, 60);
    x.limit(3, m, 2, BUY, 880, 40); // below the band: 930 - floor(930 * 5%) = 884
    List<Event> second = sweep(x);
    assertThat(TestExchange.of(second, Event.Liquidated.class)).isEmpty();
    // 60 at 920: notional 55_200, taker fee ceil(55.2) = 56; realized 60 * (920 - 930)
    assertThat(TestExchange.of(second, Event.Fill.class))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.taker()).isEqualTo(FUND);
              assertThat(f.maker()).isEqualTo(3);
              assertThat(f.price()).isEqualTo(920);
              assertThat(f.quantity()).isEqualTo(60);
              assertThat(f.takerFee()).isEqualTo(56);
            });
    assertThat(x.account(FUND).size(m)).isEqualTo(40);
    assertThat(x.account(FUND).collateral()).isEqualTo(fundBefore - 600 - 56);
    x.apply(new Command.TimeTick(x.seq.state().now() + 101));
    x.limit(3, m, 3, BUY, 1_000, 40);
    assertThat(sweep(x)).isEmpty(); // a stale mark: no unwind
  }
}
