package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.options.OptionSpec;
import dev.sable.sequencer.options.PortfolioMargin;
import dev.sable.sequencer.options.RiskArrayCalculator;
import dev.sable.sequencer.options.RiskInstrument;
import dev.sable.sequencer.options.ScenarioGrid;
import dev.sable.sequencer.options.TimeBasis;
import dev.sable.sequencer.options.UnderlyingRisk;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Properties of portfolio margin mode in the sequencer (docs/options.md "Portfolio margin mode"),
 * on books traded through the engine: an account's portfolio requirement is at most the sum of its
 * legs' standalone portfolio requirements, and a delta-hedged book (long perpetual against twice as
 * many short at-the-money calls) needs less than under cross margin.
 */
class PortfolioMarginModePropertiesTest {
  private static final int PERP = 0;
  private static final int CALL = 1;
  private static final int PUT = 2;

  /** A perpetual at {@code forward} and a call and a put struck at 50,000, at one volatility. */
  private static TestExchange exchange(long forward, long volPpm) {
    TestExchange x = new TestExchange();
    x.feelessMarket(forward);
    for (OptionKind kind : new OptionKind[] {OptionKind.CALL, OptionKind.PUT}) {
      int id = x.seq.state().marketCount();
      x.apply(
          new Command.ListOption(
              OptionMarketTest.optionSpec("O", 0),
              OptionMarketTest.terms(kind, OptionMarketTest.EXPIRY)));
      for (int s = 0; s < 3; s++) {
        x.apply(new Command.VolatilityPrice(id, s, volPpm, x.seq.state().now()));
      }
    }
    x.deposit(1, 100_000_000);
    x.deposit(2, 100_000_000);
    return x;
  }

  /** Account 1 takes {@code size} (signed) on a market from account 2, at its mark. */
  private static void trade(TestExchange x, int market, long size, long cid) {
    if (size == 0) {
      return;
    }
    long price = Math.max(1, x.seq.state().market(market).mark()); // a far option may mark 0
    x.apply(Command.PlaceOrder.limit(2, market, cid, size > 0 ? SELL : BUY, price, Math.abs(size)));
    List<Event> events =
        x.apply(
            Command.PlaceOrder.limit(1, market, cid, size > 0 ? BUY : SELL, price, Math.abs(size)));
    assertThat(TestExchange.reason(events)).isNull();
    assertThat(x.account(1).size(market)).isEqualTo(size);
    Invariants.check(x.seq);
  }

  /** The standalone portfolio maintenance of one position, from the documented inputs. */
  private static long standalone(TestExchange x, int market, long size) {
    ExchangeState s = x.seq.state();
    var u =
        new UnderlyingRisk(
            PERP, s.market(PERP).mark(), s.market(PERP).spec().maintenanceMarginPpm());
    List<RiskInstrument.Option> options =
        List.of(CALL, PUT).stream()
            .map(
                id ->
                    new RiskInstrument.Option(
                        id,
                        OptionSpec.of(s.market(id).spec(), s.market(id).option()),
                        s.market(id).volatility()))
            .toList();
    var arrays =
        new RiskArrayCalculator(ScenarioGrid.V1, TimeBasis.MILLISECONDS)
            .compute(s.now(), List.of(u), options);
    return new PortfolioMargin(arrays, ScenarioGrid.V1)
        .maintenance(new int[] {market}, new long[] {size}, 1);
  }

  @Property(tries = 20)
  void aPortfolioNeverNeedsMoreThanTheSumOfItsLegs(
      @ForAll @LongRange(min = 40_000, max = 60_000) long forward,
      @ForAll @LongRange(min = 200_000, max = 1_500_000) long volPpm,
      @ForAll @IntRange(min = -40, max = 40) int perp,
      @ForAll @IntRange(min = -40, max = 40) int call,
      @ForAll @IntRange(min = -40, max = 40) int put) {
    TestExchange x = exchange(forward, volPpm);
    trade(x, PERP, perp, 10);
    trade(x, CALL, call, 11);
    trade(x, PUT, put, 12);
    assertThat(TestExchange.reason(x.apply(new Command.SetMarginMode(1, true, 1_023)))).isNull();
    Account a = x.account(1);
    long legs = standalone(x, PERP, perp) + standalone(x, CALL, call) + standalone(x, PUT, put);
    long portfolio = x.seq.margin().maintenanceRequirement(a);
    assertThat(portfolio).isLessThanOrEqualTo(legs);
    assertThat(x.seq.margin().positionRequirement(a))
        .isLessThanOrEqualTo(legs + (legs + 3) / 4); // ceil(1.25 x legs)
  }

  @Property(tries = 20)
  void aDeltaHedgedBookNeedsLessThanCross(
      @ForAll @LongRange(min = 200_000, max = 1_500_000) long volPpm,
      @ForAll @IntRange(min = 1, max = 40) int k) {
    TestExchange x = exchange(50_000, volPpm);
    trade(x, PERP, k, 10);
    trade(x, CALL, -2L * k, 11);
    Account a = x.account(1);
    long cross = x.seq.margin().maintenanceRequirement(a);
    long crossInitial = x.seq.margin().positionRequirement(a);
    assertThat(TestExchange.reason(x.apply(new Command.SetMarginMode(1, true, 2_047)))).isNull();
    assertThat(x.seq.margin().maintenanceRequirement(a)).isLessThan(cross);
    assertThat(x.seq.margin().positionRequirement(a)).isLessThan(crossInitial);
  }
}
