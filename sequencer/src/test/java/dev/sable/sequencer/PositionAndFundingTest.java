package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionAndFundingTest {

  @Test
  void closingRealizesPnlWithCostRemovedRoundedUp() {
    TestExchange x = new TestExchange();
    int m = x.feelessMarket(100);
    for (int a = 1; a <= 3; a++) {
      x.deposit(a, 1_000_000);
    }
    x.limit(2, m, 1, SELL, 100, 3);
    x.limit(2, m, 2, SELL, 101, 7);
    x.limit(1, m, 1, BUY, 101, 10); // long 10, cost 300 + 707 = 1007
    assertThat(x.account(1).cost(m)).isEqualTo(1_007);

    x.limit(3, m, 1, BUY, 100, 3);
    var fill = TestExchange.of(x.limit(1, m, 2, SELL, 100, 3), Event.Fill.class).getFirst();
    // removed cost = ceil(1007 * 3 / 10) = ceil(302.1) = 303; realized = 300 - 303
    assertThat(fill.takerRealized()).isEqualTo(-3);
    assertThat(x.account(1).cost(m)).isEqualTo(704);
    assertThat(x.account(1).collateral()).isEqualTo(1_000_000 - 3);

    // flip: sell 10 at 102 closes 7 (cost 704, proceeds 714) and opens short 3 at 102
    x.limit(3, m, 2, BUY, 102, 10);
    fill = TestExchange.of(x.limit(1, m, 3, SELL, 102, 10), Event.Fill.class).getFirst();
    assertThat(fill.takerRealized()).isEqualTo(10);
    assertThat(x.account(1).size(m)).isEqualTo(-3);
    assertThat(x.account(1).cost(m)).isEqualTo(-306);
  }

  @Test
  void markIsTheLowerMedianOfFreshSources() {
    TestExchange x = new TestExchange();
    int m = x.feelessMarket(100);
    Market market = x.seq.state().markets().get(m);
    long t = x.seq.state().now() + 1;
    x.apply(new Command.TimeTick(t));
    x.apply(new Command.OraclePrice(m, 0, 100, t));
    x.apply(new Command.OraclePrice(m, 1, 300, t));
    x.apply(new Command.OraclePrice(m, 2, 200, t));
    assertThat(market.mark()).isEqualTo(200);
    x.apply(new Command.TimeTick(t + 60));
    x.apply(new Command.OraclePrice(m, 1, 500, t + 60));
    x.apply(new Command.OraclePrice(m, 2, 400, t + 60));
    x.apply(new Command.TimeTick(t + 101)); // source 0 is now stale: fresh are 500 and 400
    assertThat(market.mark()).isEqualTo(400);
    assertThat(market.markValid()).isTrue();
    x.apply(new Command.TimeTick(t + 161)); // all stale: the lower median of all records, invalid
    assertThat(market.markValid()).isFalse();
    assertThat(market.mark()).isEqualTo(400);
    x.apply(new Command.OraclePrice(m, 0, 1_000, t + 161)); // the only fresh record
    assertThat(market.mark()).isEqualTo(1_000);
    assertThat(market.markValid()).isTrue();
    // stale again: not the last value (1_000) but the lower median of 1_000, 500, 400
    List<Event> events = x.apply(new Command.TimeTick(t + 262));
    assertThat(events).contains(new Event.MarkPrice(m, 500, false));
    assertThat(market.mark()).isEqualTo(500);
  }

  @Test
  void aMarketWithoutRecordsHasMarkZero() {
    TestExchange x = new TestExchange();
    x.apply(new Command.ListMarket(TestExchange.spec(0, 0)));
    x.apply(new Command.TimeTick(5));
    assertThat(x.seq.state().market(0).mark()).isZero();
    assertThat(x.seq.state().market(0).markValid()).isFalse();
  }

  @Test
  void fundingFromImpactPremiumIsClampedAndSettledOnTouch() {
    TestExchange x = new TestExchange();
    int m = x.feelessMarket(10_001);
    for (int a = 1; a <= 4; a++) {
      x.deposit(a, 10_000_000);
    }
    x.limit(1, m, 1, BUY, 10_050, 10);
    x.limit(2, m, 1, SELL, 10_100, 10);
    x.limit(4, m, 1, SELL, 10_060, 4);
    x.limit(3, m, 1, BUY, 10_060, 4); // 3 long 4, 4 short 4

    var rate =
        TestExchange.of(x.apply(new Command.FundingTick(m)), Event.FundingRate.class).getFirst();
    // impact bid 10_050, index 10_001: premium floor(49 * 1e6 / 10_001) = 4_899 ppm, clamp 1_000
    assertThat(rate.ratePpm()).isEqualTo(1_000);
    assertThat(rate.fundingIndex()).isEqualTo(1_000L * 10_001);

    long equityBefore = x.seq.margin().equity(x.account(3));
    var paid3 = x.withdraw(3, 1);
    var paid4 = x.withdraw(4, 1);
    // 4 * 10.001 = 40.004: the payer pays 41, the receiver gets 40, the pool keeps 1
    assertThat(TestExchange.of(paid3, Event.FundingPaid.class).getFirst().amount()).isEqualTo(41);
    assertThat(TestExchange.of(paid4, Event.FundingPaid.class).getFirst().amount()).isEqualTo(-40);
    assertThat(x.seq.state().fundingPool()).isEqualTo(1);
    assertThat(x.seq.margin().equity(x.account(3))).isEqualTo(equityBefore - 1);
  }

  @Test
  void emptyBookGivesNoFunding() {
    TestExchange x = new TestExchange();
    int m = x.feelessMarket(10_000);
    var rate =
        TestExchange.of(x.apply(new Command.FundingTick(m)), Event.FundingRate.class).getFirst();
    assertThat(rate.ratePpm()).isZero();
  }

  @Test
  void settlementClosesPositionsAtTheMark() {
    TestExchange x = new TestExchange();
    int m = x.feelessMarket(1_000);
    x.deposit(1, 1_000_000);
    x.deposit(2, 1_000_000);
    x.limit(1, m, 1, SELL, 1_000, 10);
    x.limit(2, m, 1, BUY, 1_000, 10);
    x.limit(2, m, 2, BUY, 900, 1);
    x.oracle(m, 1_100);
    x.apply(new Command.SetMarketStatus(m, dev.sable.sequencer.market.MarketStatus.SETTLED));
    assertThat(x.account(1).collateral()).isEqualTo(1_000_000 - 1_000);
    assertThat(x.account(2).collateral()).isEqualTo(1_000_000 + 1_000);
    assertThat(x.account(2).size(m)).isZero();
    assertThat(x.account(2).openBuy(m)).isZero();
  }
}
