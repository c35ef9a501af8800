package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.optionmarket.OptionMarks;
import dev.sable.sequencer.optionmarket.PositionGreeks;
import dev.sable.sequencer.options.Black76;
import dev.sable.sequencer.options.Greeks;
import dev.sable.sequencer.options.TimeToExpiry;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Greeks the API shows (docs/options.md "Options in the node's API"): an option position's are
 * the model's at its mark's inputs, a perpetual's its size as delta, and an account's are summed
 * per underlying, never across underlyings.
 */
class PositionGreeksTest {
  private static final long VOL = 800_000;
  private TestExchange x;
  private int perp;
  private int call;
  private int other;

  @BeforeEach
  void setUp() {
    x = new TestExchange();
    perp = x.feelessMarket(OptionMarketTest.STRIKE); // market 0, at the money
    other = x.feelessMarket(1_000);
    for (int a = 1; a <= 3; a++) {
      x.deposit(a, 10_000_000);
    }
    call = x.seq.state().marketCount();
    x.apply(
        new Command.ListOption(
            OptionMarketTest.optionSpec("C", 0),
            OptionMarketTest.terms(OptionKind.CALL, OptionMarketTest.EXPIRY)));
    for (int s = 0; s < 3; s++) {
      x.apply(new Command.VolatilityPrice(call, s, VOL, x.seq.state().now()));
    }
  }

  private void trade(int market, int seller, int buyer, long price, long qty) {
    x.apply(Command.PlaceOrder.limit(seller, market, System.nanoTime(), SELL, price, qty));
    x.apply(Command.PlaceOrder.limit(buyer, market, System.nanoTime(), BUY, price, qty));
    assertThat(x.account(buyer).size(market)).as("traded").isNotZero();
  }

  private Greeks model(long size) {
    TimeToExpiry t =
        TimeToExpiry.between(x.seq.state().now(), OptionMarketTest.EXPIRY, OptionMarks.TIME);
    Black76.Point p = Black76.point(OptionMarketTest.STRIKE, OptionMarketTest.STRIKE, VOL, t);
    return Greeks.option(OptionKind.CALL, 1, size, p, t, OptionMarks.TIME);
  }

  @Test
  void anOptionPositionHasTheModelsGreeksAndAPerpetualItsSizeAsDelta() {
    trade(call, 1, 2, x.seq.state().market(call).mark(), 30);
    Greeks held = PositionGreeks.of(x.seq.state(), call, 30);
    assertThat(held).isEqualTo(model(30));
    assertThat(held.delta()).isBetween(14L, 17L); // at the money: about half
    assertThat(held.vega()).isPositive();
    assertThat(held.theta()).isNegative();
    assertThat(PositionGreeks.of(x.seq.state(), perp, -7)).isEqualTo(Greeks.perpetual(-7));
  }

  @Test
  void anOptionWithoutAVolatilityYetHasNoGreeks() {
    int put = x.seq.state().marketCount();
    x.apply(
        new Command.ListOption(
            OptionMarketTest.optionSpec("P", 0),
            OptionMarketTest.terms(OptionKind.PUT, OptionMarketTest.EXPIRY)));
    assertThat(PositionGreeks.of(x.seq.state(), put, 1)).isNull();
  }

  @Test
  void anAccountsGreeksAreSummedPerUnderlyingAndAPerpetualNetsAgainstItsOptions() {
    long mark = x.seq.state().market(call).mark();
    trade(call, 1, 2, mark, 30); // 1 writes 30 calls to 2
    trade(perp, 3, 1, OptionMarketTest.STRIKE, 15); // 1 hedges with 15 long perpetual
    trade(other, 1, 3, 1_000, 4); // and is short 4 of the other perpetual

    Map<Integer, Greeks> writer = PositionGreeks.byUnderlying(x.seq.state(), x.account(1));
    Greeks shortCalls = model(-30);
    assertThat(writer)
        .containsOnlyKeys(perp, other)
        .containsEntry(perp, shortCalls.plus(Greeks.perpetual(15)))
        .containsEntry(other, Greeks.perpetual(-4));
    assertThat(Math.abs(writer.get(perp).delta()))
        .as("delta-hedged")
        .isLessThan(Math.abs(shortCalls.delta()));
    assertThat(PositionGreeks.byUnderlying(x.seq.state(), x.account(2)))
        .containsOnlyKeys(perp)
        .containsEntry(perp, model(30));
  }
}
