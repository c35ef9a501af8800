package dev.sable.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.margin.Margin;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.market.OptionTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Crash streams at the portfolio bounds (docs/options.md "Bounds"): six perpetuals at the notional
 * bound ({@link PortfolioBoundsTest#HUGE}) and a call and a put on the first, accounts in portfolio
 * and cross mode trading sizes up to {@code maxPosition} while marks jump between 1, 2^30 and
 * {@code maxPrice}, with withdrawals, forced withdrawals, amends, mode switches and sweeps. The
 * sequencer never throws, the invariants hold after every command, its cached requirements equal
 * uncached ones after every command, and replaying the same stream gives the same events and state
 * hash.
 */
class PortfolioBoundsPropertyTest {
  private static final int PERPS = 6;
  private static final int ACCOUNTS = 6;
  private static final long DAY = 86_400_000;
  private static final long[] PRICES = {1, 1L << 20, 1L << 30, 1L << 35, 1L << 40};
  private static final long[] QUANTITIES = {1, 1L << 20, 1L << 21, 3L << 20, 1L << 22};

  /** An option at the bounds of its underlying: tick 1, maxPrice 2^40, maxPosition 2^22. */
  private static final MarketSpec OPTION =
      new MarketSpec(
          "OPT", 1, 1, 600_000, 500_000, 0, 0, 1L << 22, 1L << 40, 3, 100, 10, 1_000, 10);

  @Property(tries = 8)
  void portfolioAccountsAtTheBoundsNeverCrashTheSequencerAndReplayIdentically(@ForAll long seed) {
    List<Command> stream = stream(seed, 600);
    TestExchange x = new TestExchange();
    List<Event> events = new ArrayList<>();
    for (Command c : stream) {
      events.addAll(x.apply(c));
      Invariants.check(x.seq);
      requirementsEqualUncached(x);
    }
    TestExchange replay = new TestExchange();
    List<Event> replayed = new ArrayList<>();
    for (Command c : stream) {
      replayed.addAll(replay.apply(c));
    }
    assertThat(replayed).isEqualTo(events);
    assertThat(replay.seq.stateHash()).isEqualTo(x.seq.stateHash());
  }

  /**
   * The sequencer's margin keeps risk rows between input changes; a fresh {@link Margin} over the
   * same state computes every row again: both give every account the same requirements.
   */
  private static void requirementsEqualUncached(TestExchange x) {
    Margin fresh = new Margin(x.seq.state());
    for (int id = 1; id <= ACCOUNTS; id++) {
      Account a = x.account(id);
      if (a != null) {
        assertThat(x.seq.margin().maintenanceRequirement(a))
            .isEqualTo(fresh.maintenanceRequirement(a));
        assertThat(x.seq.margin().initialRequirement(a)).isEqualTo(fresh.initialRequirement(a));
        assertThat(x.seq.margin().portfolioInitialRequirement(a))
            .isEqualTo(fresh.portfolioInitialRequirement(a));
      }
    }
  }

  /**
   * Guards the generator: a stream reaches the exposure bound (positions that would take a
   * requirement beyond a long are refused there: docs/sequencer.md "Bounds"), and liquidates.
   */
  @Test
  void theStreamReachesTheExposureBound() {
    TestExchange x = new TestExchange();
    for (Command c : stream(3, 2_000)) {
      x.apply(c);
    }
    assertThat(TestExchange.of(x.all, Event.Rejected.class))
        .as("an order or fill refused at the exposure bound")
        .contains(new Event.Rejected(RejectReason.COLLATERAL_LIMIT_EXCEEDED));
    assertThat(x.seq.state().marketCount()).isEqualTo(PERPS + 2);
    assertThat(TestExchange.of(x.all, Event.Liquidated.class)).isNotEmpty();
    assertThat(TestExchange.of(x.all, Event.Fill.class))
        .anyMatch(f -> f.market() > PERPS - 1)
        .anyMatch(f -> f.quantity() >= 1L << 20 && f.market() < PERPS);
  }

  /** The whole stream is generated up front (from the seed only), so it can be replayed. */
  private static List<Command> stream(long seed, int length) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Command> out = new ArrayList<>();
    long now = 0;
    for (int m = 0; m < PERPS; m++) {
      out.add(new Command.ListMarket(PortfolioBoundsTest.HUGE));
      for (int s = 0; s < 3; s++) {
        out.add(new Command.OraclePrice(m, s, 1L << 30, now));
      }
    }
    out.add(
        new Command.ListOption(OPTION, new OptionTerms(0, OptionKind.CALL, 1L << 30, 30 * DAY, 1)));
    out.add(
        new Command.ListOption(OPTION, new OptionTerms(0, OptionKind.PUT, 1L << 30, 30 * DAY, 1)));
    int markets = PERPS + 2;
    for (int s = 0; s < 3; s++) {
      out.add(new Command.VolatilityPrice(PERPS, s, 800_000, now));
      out.add(new Command.VolatilityPrice(PERPS + 1, s, 800_000, now));
    }
    for (int a = 1; a <= ACCOUNTS; a++) {
      out.add(TestExchange.depositOf(a, 1L << 56));
      if (a <= 4) {
        out.add(new Command.SetMarginMode(a, true, 1_023));
      }
    }
    long cid = 0;
    // Account 1 (portfolio) holds hedged pairs of 3/4 maxPosition against account 5 (cross),
    // bought at 2^30, then every perpetual is marked at maxPrice: both requirements leave a long.
    for (int m = 0; m < PERPS; m++) {
      Side whale = m % 2 == 0 ? Side.BUY : Side.SELL;
      Side other = m % 2 == 0 ? Side.SELL : Side.BUY;
      out.add(Command.PlaceOrder.limit(5, m, ++cid, other, 1L << 30, PortfolioBoundsTest.SIZE));
      out.add(Command.PlaceOrder.limit(1, m, ++cid, whale, 1L << 30, PortfolioBoundsTest.SIZE));
    }
    out.add(new Command.TimeTick(++now));
    for (int m = 0; m < PERPS; m++) {
      for (int s = 0; s < 3; s++) {
        out.add(new Command.OraclePrice(m, s, 1L << 40, now));
      }
    }
    while (out.size() < length) {
      int kind = random.nextInt(100);
      int account = 1 + random.nextInt(ACCOUNTS);
      int market = random.nextInt(markets);
      if (kind < 8) {
        now += 1 + random.nextInt(20);
        out.add(new Command.TimeTick(now));
        for (int m = 0; m < markets; m++) {
          for (int s = 0; s < 3; s++) {
            out.add(
                m < PERPS
                    ? new Command.OraclePrice(m, s, PRICES[random.nextInt(PRICES.length)], now)
                    : new Command.VolatilityPrice(m, s, 100_000 + random.nextInt(2_000_000), now));
          }
        }
      } else if (kind < 14) {
        out.add(new Command.LiquidationSweep());
      } else if (kind < 18) {
        out.add(new Command.Withdraw(account, 1L << random.nextInt(50), random.nextInt(3)));
      } else if (kind < 20) {
        out.add(new Command.ForcedWithdrawal(account, 1L << 50, random.nextInt(3), true));
      } else if (kind < 24) {
        out.add(new Command.CancelAll(account, -1));
        out.add(new Command.SetMarginMode(account, random.nextBoolean(), ++cid));
      } else if (kind < 30) {
        long id = cid == 0 ? 1 : 1 + random.nextLong(cid);
        out.add(
            new Command.AmendOrder(
                account,
                id,
                id + Account.FILL_SLOTS,
                PRICES[random.nextInt(PRICES.length)],
                QUANTITIES[random.nextInt(QUANTITIES.length)]));
      } else {
        out.add(
            new Command.PlaceOrder(
                account,
                market,
                ++cid,
                random.nextBoolean() ? Side.BUY : Side.SELL,
                random.nextInt(4) == 0 ? OrderType.IOC : OrderType.GTC,
                PRICES[random.nextInt(PRICES.length)],
                market < PERPS
                    ? QUANTITIES[random.nextInt(QUANTITIES.length)]
                    : 1 + random.nextInt(16), // options: a few units, within margin
                false,
                0,
                StpMode.CANCEL_TAKER));
      }
    }
    return out;
  }
}
