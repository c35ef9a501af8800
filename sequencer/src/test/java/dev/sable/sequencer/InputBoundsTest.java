package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.market.MarketSpec;
import org.junit.jupiter.api.Test;

/** Accepted commands at the edge of the documented bounds: no overflow, no half-applied state. */
class InputBoundsTest {

  @Test
  void depositWithdrawCyclingKeepsTheNetFigureBounded() {
    TestExchange x = new TestExchange();
    long cap = ExchangeState.MAX_COLLATERAL;
    // 100 cycles move 100 * 2^60 = 2^66.6 in each direction; cumulative totals would overflow
    for (int i = 0; i < 100; i++) {
      assertThat(TestExchange.reason(x.deposit(1, cap))).isNull();
      assertThat(TestExchange.reason(x.withdraw(1, cap))).isNull();
    }
    assertThat(x.seq.state().netDeposits()).isZero();
    assertThat(x.account(1).collateral()).isZero();
  }

  @Test
  void aPremiumOfAHundredPercentOrMoreIsClampedWithoutOverflow() {
    TestExchange x = new TestExchange();
    long maxPrice = 1L << 50;
    MarketSpec wide =
        new MarketSpec("WIDE", 1, 1, 100_000, 50_000, 0, 0, 1_000, maxPrice, 3, 100, 10, 2_000, 1);
    int m = x.market(wide, 1);
    x.deposit(1, 1L << 52);
    // a bid at maxPrice against an index of 1: the premium (2^50 - 1) * 1e6 does not fit a long
    assertThat(TestExchange.reason(x.limit(1, m, 1, BUY, maxPrice, 1))).isNull();
    assertThat(TestExchange.of(x.apply(new Command.FundingTick(m)), Event.FundingRate.class))
        .containsExactly(new Event.FundingRate(m, 2_000, 2_000));
  }

  @Test
  void aSpecWhoseNotionalWrapsPastTwoToTheSixtyThreeIsInvalid() {
    MarketSpec s = TestExchange.spec(0, 0);
    // 2^32 * 2^31 = 2^63: the low 64 bits are negative, the high ones zero
    MarketSpec wrapping =
        new MarketSpec("WRAP", 1, 1, 100_000, 50_000, 0, 0, 1L << 31, 1L << 32, 3, 100, 10, 0, 1);
    assertThat(wrapping.isValid()).isFalse();
    assertThat(s.isValid()).isTrue();
    TestExchange x = new TestExchange();
    assertThat(TestExchange.reason(x.apply(new Command.ListMarket(wrapping))))
        .isEqualTo(dev.sable.sequencer.event.RejectReason.INVALID_MARKET_SPEC);
  }
}
