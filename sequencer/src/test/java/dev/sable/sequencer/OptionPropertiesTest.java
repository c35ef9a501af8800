package dev.sable.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.market.OptionTerms;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random seeded streams over a perpetual and a call and a put on it that expire inside the stream:
 * orders of every type on all three markets, price and volatility records, time ticks and
 * liquidation sweeps. After every command the invariants hold (conservation across premiums, fees,
 * liquidations and expiry settlement; positions sum to zero per market; books uncrossed), and once
 * the options expired every option position is closed.
 */
class OptionPropertiesTest {
  private static final long MINUTE = 60_000;
  private static final long EXPIRY = 2 * OptionMarketTest.DAY;
  private static final int ACCOUNTS = 6;

  private static MarketSpec spec(String symbol, long maxPrice) {
    return new MarketSpec(
        symbol,
        1,
        1,
        100_000,
        50_000,
        -100,
        500,
        1_000,
        maxPrice,
        3,
        60 * MINUTE,
        8 * 60 * MINUTE,
        1_000,
        10);
  }

  @Property(tries = 15)
  void invariantsHoldThroughPremiumsLiquidationsAndExpiry(@ForAll long seed) {
    Random random = new Random(seed);
    TestExchange x = new TestExchange();
    x.apply(new Command.ListMarket(spec("P", 1_000_000)));
    x.apply(
        new Command.ListOption(
            spec("C", 1_000_000), new OptionTerms(0, OptionKind.CALL, 50_000, EXPIRY, 1)));
    x.apply(
        new Command.ListOption(
            spec("Q", 1_000_000), new OptionTerms(0, OptionKind.PUT, 50_000, EXPIRY, 1)));
    for (int a = 1; a <= ACCOUNTS; a++) {
      x.deposit(a, 20_000 + random.nextInt(400_000));
    }
    long forward = 50_000;
    long cid = 0;
    int optionFills = 0;
    for (int i = 0; i < 1_500; i++) {
      long now = x.seq.state().now();
      int kind = random.nextInt(100);
      Command c;
      if (kind < 8) {
        c = new Command.TimeTick(now + random.nextInt(8) * MINUTE);
      } else if (kind < 20) {
        forward = Math.max(1_000, forward + (random.nextInt(2_001) - 1_000));
        c = new Command.OraclePrice(0, random.nextInt(3), forward, now);
      } else if (kind < 28) {
        int option = 1 + random.nextInt(2);
        c =
            new Command.VolatilityPrice(
                option, random.nextInt(3), 200_000 + random.nextInt(1_200_000), now);
      } else if (kind < 32) {
        c = new Command.LiquidationSweep();
      } else if (kind < 36) {
        c = new Command.CancelAll(1 + random.nextInt(ACCOUNTS), random.nextInt(3));
      } else {
        int market = random.nextInt(3);
        Market m = x.seq.state().market(market);
        long reference = m.mark() > 0 ? m.mark() : market == 0 ? forward : 2_000;
        long price = Math.max(1, reference + random.nextInt(201) - 100);
        c =
            new Command.PlaceOrder(
                1 + random.nextInt(ACCOUNTS),
                market,
                ++cid,
                random.nextBoolean() ? Side.BUY : Side.SELL,
                OrderType.values()[random.nextInt(OrderType.values().length)],
                price,
                1 + random.nextInt(8),
                random.nextInt(10) == 0,
                0,
                StpMode.values()[random.nextInt(3)]);
      }
      List<Event> events = x.apply(c);
      Invariants.check(x.seq);
      optionFills +=
          (int)
              TestExchange.of(events, Event.Fill.class).stream()
                  .filter(f -> f.market() > 0)
                  .count();
    }
    // Reach the expiry with fresh prices: the options settle and every option position is closed.
    x.apply(new Command.TimeTick(Math.max(EXPIRY, x.seq.state().now())));
    for (int s = 0; s < 3; s++) {
      x.apply(new Command.OraclePrice(0, s, forward, x.seq.state().now()));
    }
    x.apply(new Command.TimeTick(x.seq.state().now() + 1));
    Invariants.check(x.seq);
    for (int option = 1; option <= 2; option++) {
      assertThat(x.seq.state().market(option).status()).isEqualTo(MarketStatus.SETTLED);
      for (int a = 0; a <= ACCOUNTS; a++) {
        assertThat(x.account(a).size(option)).isZero();
      }
    }
    assertThat(optionFills).as("the stream traded options").isPositive();
  }
}
