package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.codec.SnapshotCodec;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.margin.Margin;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.market.OptionTerms;
import dev.sable.sequencer.optionmarket.OptionListing;
import dev.sable.sequencer.optionmarket.OptionMarks;
import dev.sable.sequencer.options.Black76;
import dev.sable.sequencer.options.TimeToExpiry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Option markets in the sequencer (docs/options.md "Option markets"): listing, marks from the
 * model, the premium at the fill, cross margin on the underlying notional, settlement at expiry,
 * the snapshot. Conservation and the other invariants are checked after every step.
 */
class OptionMarketTest {
  static final long DAY = OptionMarks.TIME.unitsPerDay();
  static final long EXPIRY = 30 * DAY;
  static final long STRIKE = 50_000;

  private TestExchange x;
  private int perp;

  /** An option spec: tick 1, lot 1, IM 10%, MM 5%, no fees, 3 volatility sources. */
  static MarketSpec optionSpec(String symbol, long takerFeePpm) {
    return new MarketSpec(
        symbol, 1, 1, 100_000, 50_000, 0, takerFeePpm, 1_000_000, 1_000_000_000, 3, 100, 1, 0, 1);
  }

  static OptionTerms terms(OptionKind kind, long expiry) {
    return new OptionTerms(0, kind, STRIKE, expiry, 1);
  }

  @BeforeEach
  void setUp() {
    x = new TestExchange();
    perp = x.feelessMarket(50_000); // the perpetual (maxPrice 1e9), market 0
    x.deposit(1, 1_000_000);
    x.deposit(2, 1_000_000);
    x.deposit(3, 1_000_000);
  }

  private List<Event> apply(Command c) {
    List<Event> events = x.apply(c);
    Invariants.check(x.seq);
    return events;
  }

  /** Lists an option on the perpetual and publishes its volatility from every source. */
  private int listOption(OptionKind kind, long volPpm) {
    int id = x.seq.state().marketCount();
    assertThat(
            TestExchange.reason(
                apply(new Command.ListOption(optionSpec("O", 0), terms(kind, EXPIRY)))))
        .isNull();
    volatility(id, volPpm);
    return id;
  }

  private void volatility(int market, long volPpm) {
    for (int s = 0; s < 3; s++) {
      assertThat(
              TestExchange.reason(
                  apply(new Command.VolatilityPrice(market, s, volPpm, x.seq.state().now()))))
          .isNull();
    }
  }

  private void price(long underlying) {
    x.oracle(perp, underlying);
    Invariants.check(x.seq);
  }

  private Market market(int id) {
    return x.seq.state().market(id);
  }

  private long modelMark(int option, long forward, long volPpm) {
    Market m = market(option);
    return Black76.mark(
        OptionListing.pricing(m.spec(), m.option()),
        forward,
        volPpm,
        TimeToExpiry.between(x.seq.state().now(), m.option().expiry(), OptionMarks.TIME));
  }

  @Test
  void theMarkIsTheModelsAtTheUnderlyingsMarkTheVolatilityMedianAndTheTimeLeft() {
    int call = x.seq.state().marketCount();
    apply(new Command.ListOption(optionSpec("C", 0), terms(OptionKind.CALL, EXPIRY)));
    assertThat(market(call).markValid()).as("no volatility yet").isFalse();
    apply(new Command.VolatilityPrice(call, 0, 700_000, x.seq.state().now()));
    apply(new Command.VolatilityPrice(call, 1, 900_000, x.seq.state().now()));
    List<Event> third = apply(new Command.VolatilityPrice(call, 2, 800_000, x.seq.state().now()));
    assertThat(market(call).volatility()).as("the lower median").isEqualTo(800_000);
    long expected = modelMark(call, 50_000, 800_000);
    assertThat(expected).isBetween(4_000L, 5_000L); // ~0.4 F sigma sqrt(T) at the money
    assertThat(market(call).mark()).isEqualTo(expected);
    assertThat(market(call).markValid()).isTrue();
    assertThat(TestExchange.of(third, Event.MarkPrice.class))
        .contains(new Event.MarkPrice(call, expected, true));

    price(55_000); // the underlying moves: the option is repriced in the same command
    assertThat(market(call).mark())
        .isEqualTo(modelMark(call, 55_000, 800_000))
        .isGreaterThan(expected);

    apply(new Command.TimeTick(x.seq.state().now() + 10 * DAY)); // time passes, sources go stale
    assertThat(market(call).mark()).isEqualTo(modelMark(call, 55_000, 800_000));
    assertThat(market(call).markValid()).as("stale sources").isFalse();
  }

  @Test
  void marksOfACallAndPutOfOneSeriesKeepParityWithinATick() {
    int call = listOption(OptionKind.CALL, 650_000);
    int put = listOption(OptionKind.PUT, 650_000);
    for (long f : new long[] {30_000, 48_000, 50_000, 51_234, 90_000}) {
      price(f);
      long parity = (f - STRIKE);
      assertThat(market(call).mark() - market(put).mark()).isBetween(parity - 1, parity + 1);
    }
  }

  @Test
  void thePremiumIsPaidInCollateralAtTheFillAndThePositionCarriesNoCost() {
    int call = listOption(OptionKind.CALL, 800_000);
    long mark = market(call).mark();
    long premium = mark + 10;
    apply(Command.PlaceOrder.limit(1, call, 1, SELL, premium, 3)); // writer
    List<Event> fill = apply(Command.PlaceOrder.limit(2, call, 1, BUY, premium, 3));
    Event.Fill f = TestExchange.of(fill, Event.Fill.class).getFirst();
    assertThat(f.takerRealized()).as("the buyer's cash flow").isEqualTo(-3 * premium);
    assertThat(f.makerRealized()).as("the writer's").isEqualTo(3 * premium);
    assertThat(x.account(2).collateral()).isEqualTo(1_000_000 - 3 * premium);
    assertThat(x.account(1).collateral()).isEqualTo(1_000_000 + 3 * premium);
    assertThat(x.account(2).size(call)).isEqualTo(3);
    assertThat(x.account(1).size(call)).isEqualTo(-3);
    assertThat(x.account(2).cost(call)).isZero();
    // equity is collateral plus size * mark: the buyer is down the premium over the mark only
    assertThat(x.seq.margin().equity(x.account(2))).isEqualTo(1_000_000 - 3 * 10);

    // closing part of it is another premium, at the new price
    apply(Command.PlaceOrder.limit(3, call, 1, BUY, premium + 100, 1));
    apply(Command.PlaceOrder.limit(2, call, 2, SELL, premium + 100, 1));
    assertThat(x.account(2).collateral()).isEqualTo(1_000_000 - 3 * premium + premium + 100);
    assertThat(x.account(2).size(call)).isEqualTo(2);
  }

  @Test
  void crossMarginOfAnOptionIsOnTheUnderlyingNotionalSoAWriterCannotSellOnThePremiumAlone() {
    int call = listOption(OptionKind.CALL, 800_000);
    long mark = market(call).mark();
    x.deposit(4, 1_000); // far less than 10% of one contract's 50,000 notional
    apply(Command.PlaceOrder.limit(2, call, 1, BUY, mark, 1));
    assertThat(TestExchange.reason(apply(Command.PlaceOrder.limit(4, call, 1, SELL, mark, 1))))
        .isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    // 10% of max(mark, 50,000 * 1) is 5,000: enough collateral passes
    x.deposit(4, 4_000);
    assertThat(TestExchange.reason(apply(Command.PlaceOrder.limit(4, call, 2, SELL, mark, 1))))
        .isNull();
    assertThat(x.account(4).size(call)).isEqualTo(-1);
    assertThat(x.seq.margin().maintenanceRequirement(x.account(4))).isEqualTo(2_500);
  }

  @Test
  void aWriterUnderwaterAfterTheUnderlyingRoseIsLiquidatedThroughTheBookAndTheFundCoversTheRest() {
    int call = listOption(OptionKind.CALL, 800_000);
    x.deposit(0, 100_000); // the insurance fund
    x.deposit(4, 6_000);
    long premium = market(call).mark();
    apply(Command.PlaceOrder.limit(2, call, 1, BUY, premium, 1));
    assertThat(TestExchange.reason(apply(Command.PlaceOrder.limit(4, call, 1, SELL, premium, 1))))
        .isNull();
    assertThat(x.account(4).collateral()).isEqualTo(6_000 + premium);

    price(60_000); // the call goes deep in the money
    long mark = market(call).mark();
    assertThat(mark).isGreaterThan(10_000);
    Margin margin = x.seq.margin();
    assertThat(margin.equity(x.account(4))).isLessThan(margin.maintenanceRequirement(x.account(4)));
    apply(Command.PlaceOrder.limit(3, call, 1, SELL, mark, 1)); // liquidity to close into

    List<Event> sweep = apply(new Command.LiquidationSweep());
    assertThat(TestExchange.of(sweep, Event.Liquidated.class))
        .extracting(Event.Liquidated::account)
        .containsExactly(4);
    assertThat(TestExchange.of(sweep, Event.Fill.class))
        .singleElement()
        .satisfies(f -> assertThat(f.price()).isEqualTo(mark))
        .satisfies(f -> assertThat(f.takerRealized()).isEqualTo(-mark));
    long deficit = mark - 6_000 - premium;
    assertThat(TestExchange.of(sweep, Event.DeficitCovered.class))
        .containsExactly(new Event.DeficitCovered(4, deficit));
    assertThat(x.account(4).size(call)).isZero();
    assertThat(x.account(4).collateral()).isZero();
    assertThat(x.account(0).collateral()).isEqualTo(100_000 - deficit);
  }

  @Test
  void volatilityRecordsAreValidatedLikePriceRecords() {
    int put = listOption(OptionKind.PUT, 500_000);
    long now = x.seq.state().now();
    assertThat(x.rejection(new Command.VolatilityPrice(put, 0, 600_000, now + 1)))
        .isEqualTo(RejectReason.ORACLE_FROM_FUTURE);
    assertThat(x.rejection(new Command.VolatilityPrice(put, 0, 600_000, now)))
        .as("not newer than the source's last record")
        .isEqualTo(RejectReason.STALE_ORACLE_PRICE);
    assertThat(x.rejection(new Command.VolatilityPrice(put, 0, 999, now)))
        .isEqualTo(RejectReason.VOLATILITY_OUT_OF_RANGE);
    long mark = market(put).mark();
    apply(new Command.TimeTick(now + 1));
    apply(new Command.VolatilityPrice(put, 0, 2_000_000, now + 1)); // two of the three sources
    apply(new Command.VolatilityPrice(put, 1, 2_000_000, now + 1));
    assertThat(market(put).volatility()).isEqualTo(2_000_000);
    assertThat(market(put).mark()).isGreaterThan(mark);
  }

  @Test
  void expirySettlesEveryPositionInCashAtTheUnderlyingsMarkAndClosesTheMarket() {
    int call = listOption(OptionKind.CALL, 800_000);
    int put = listOption(OptionKind.PUT, 800_000);
    long callPrice = market(call).mark();
    long putPrice = market(put).mark();
    apply(Command.PlaceOrder.limit(1, call, 1, SELL, callPrice, 4));
    apply(Command.PlaceOrder.limit(2, call, 1, BUY, callPrice, 4));
    apply(Command.PlaceOrder.limit(1, put, 2, SELL, putPrice, 2));
    apply(Command.PlaceOrder.limit(2, put, 2, BUY, putPrice, 2));
    apply(Command.PlaceOrder.limit(3, call, 3, BUY, 1, 1)); // rests until the expiry
    long before1 = x.account(1).collateral();
    long before2 = x.account(2).collateral();

    apply(new Command.TimeTick(EXPIRY - 2));
    price(53_250); // fresh prices at EXPIRY - 1
    apply(new Command.TimeTick(EXPIRY));
    assertThat(market(call).status()).isEqualTo(MarketStatus.SETTLED);
    assertThat(market(put).status()).isEqualTo(MarketStatus.SETTLED);
    List<Event> tick = lastTick();
    assertThat(TestExchange.of(tick, Event.OrderCancelled.class))
        .anySatisfy(c -> assertThat(c.reason()).isEqualTo(CancelReason.MARKET_SETTLED));
    assertThat(TestExchange.of(tick, Event.PositionSettled.class))
        .contains(
            new Event.PositionSettled(1, call, -4, 3_250, -4 * 3_250),
            new Event.PositionSettled(2, call, 4, 3_250, 4 * 3_250),
            new Event.PositionSettled(1, put, -2, 0, 0),
            new Event.PositionSettled(2, put, 2, 0, 0));
    assertThat(x.account(1).collateral()).isEqualTo(before1 - 4 * 3_250);
    assertThat(x.account(2).collateral()).isEqualTo(before2 + 4 * 3_250);
    assertThat(x.account(2).size(call)).isZero();
    assertThat(x.account(3).openBuy(call)).isZero();
    // a settled option takes no more orders or volatility changes of its state
    assertThat(TestExchange.reason(apply(Command.PlaceOrder.limit(3, call, 4, BUY, 1, 1))))
        .isEqualTo(RejectReason.MARKET_SETTLED);
  }

  /** The events of the last TimeTick in the log. */
  private List<Event> lastTick() {
    List<Event> all = x.all;
    int start = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) instanceof Event.TimeAdvanced) {
        start = i;
      }
    }
    return new ArrayList<>(all.subList(start, all.size()));
  }

  @Test
  void anExpiryWithoutAValidUnderlyingMarkHaltsTheOptionUntilOneArrives() {
    int put = listOption(OptionKind.PUT, 800_000);
    long premium = market(put).mark();
    apply(Command.PlaceOrder.limit(1, put, 1, SELL, premium, 1));
    apply(Command.PlaceOrder.limit(2, put, 1, BUY, premium, 1));
    apply(new Command.TimeTick(EXPIRY + 5)); // the underlying's sources are stale by now
    assertThat(market(put).status()).isEqualTo(MarketStatus.HALTED);
    assertThat(x.account(2).size(put)).isEqualTo(1);
    assertThat(x.rejection(new Command.SetMarketStatus(put, MarketStatus.ACTIVE)))
        .as("the operator cannot reopen an expired option")
        .isEqualTo(RejectReason.BAD_STATUS_CHANGE);
    assertThat(TestExchange.reason(apply(Command.PlaceOrder.limit(2, put, 2, BUY, premium, 1))))
        .isEqualTo(RejectReason.MARKET_HALTED);
    long before = x.account(2).collateral();
    price(47_000);
    assertThat(market(put).status()).isEqualTo(MarketStatus.HALTED);
    apply(new Command.TimeTick(x.seq.state().now() + 1)); // the next tick with a valid mark
    assertThat(market(put).status()).isEqualTo(MarketStatus.SETTLED);
    assertThat(x.account(2).collateral()).isEqualTo(before + 3_000);
  }

  @Test
  void aSnapshotOfAnExchangeWithOptionsContinuesAsTheOriginal() {
    int call = listOption(OptionKind.CALL, 800_000);
    long premium = market(call).mark();
    apply(Command.PlaceOrder.limit(1, call, 1, SELL, premium, 2));
    apply(Command.PlaceOrder.limit(2, call, 1, BUY, premium, 1));
    Sequencer restored =
        Sequencer.restore(
            SnapshotCodec.decode(SnapshotCodec.encode(x.seq.image())),
            x.seq.stateHash(),
            ArrayOrderBook::new,
            e -> {});
    assertThat(restored.image()).isEqualTo(x.seq.image());
    List<Command> rest =
        List.of(
            new Command.VolatilityPrice(call, 0, 1_200_000, x.seq.state().now()),
            Command.PlaceOrder.limit(3, call, 1, BUY, premium, 1),
            new Command.TimeTick(EXPIRY),
            new Command.OraclePrice(perp, 0, 60_000, EXPIRY),
            new Command.TimeTick(EXPIRY + 1));
    for (Command c : rest) {
      apply(c);
      restored.apply(c);
      assertThat(restored.stateHash()).isEqualTo(x.seq.stateHash());
    }
    assertThat(restored.state().market(call).status()).isEqualTo(MarketStatus.SETTLED);
    assertThat(restored.image()).isEqualTo(x.seq.image());
  }

  @Test
  void listingRefusesTermsThatTheModelOrTheBoundsCannotHold() {
    MarketSpec spec = optionSpec("O", 0);
    List<OptionTerms> bad =
        List.of(
            new OptionTerms(7, OptionKind.CALL, STRIKE, EXPIRY, 1), // no such underlying
            new OptionTerms(0, OptionKind.CALL, 0, EXPIRY, 1), // no strike
            new OptionTerms(0, OptionKind.CALL, STRIKE, EXPIRY, 0), // no contract size
            new OptionTerms(0, OptionKind.CALL, STRIKE, x.seq.state().now(), 1), // expired
            new OptionTerms(0, OptionKind.CALL, STRIKE, 16 * 365 * DAY + 10, 1), // beyond the model
            new OptionTerms(0, OptionKind.CALL, STRIKE, EXPIRY, 2)); // F * cs above maxPrice
    for (OptionTerms t : bad) {
      assertThat(x.rejection(new Command.ListOption(spec, t)))
          .as(t.toString())
          .isEqualTo(RejectReason.INVALID_OPTION_TERMS);
    }
    int option = listOption(OptionKind.CALL, 800_000);
    assertThat(
            x.rejection(
                new Command.ListOption(
                    spec, new OptionTerms(option, OptionKind.PUT, 1, EXPIRY, 1))))
        .as("an option on an option")
        .isEqualTo(RejectReason.INVALID_OPTION_TERMS);
    MarketSpec offTick =
        new MarketSpec("O", 7, 1, 100_000, 50_000, 0, 0, 1_000_000, 1_000_000_000, 3, 100, 1, 0, 1);
    assertThat(x.rejection(new Command.ListOption(offTick, terms(OptionKind.CALL, EXPIRY))))
        .as("maxPrice not a multiple of the tick")
        .isEqualTo(RejectReason.INVALID_OPTION_TERMS);
    assertThat(
            x.rejection(new Command.ListOption(spec, new OptionTerms(0, null, STRIKE, EXPIRY, 1))))
        .isEqualTo(RejectReason.MALFORMED_COMMAND);
  }
}
