package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.margin.Exposure;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The collateral gap of docs/sequencer.md "Bounds": realizing PnL beyond a long into one account's
 * collateral. Before the exposure bound, both scenarios here threw {@link ArithmeticException} in
 * the {@code Ledger} (the winner closing its third market; the all-losing account's liquidation).
 * Now the position that would let a realization leave a long is never opened: the order is refused
 * before any state change, or its fill is (a taker stops, a maker's order is cancelled).
 */
class ExposureBoundTest {
  static final long MAX_POSITION = 1L << 22;
  static final long MAX_PRICE = 1L << 40;
  static final long LOW = 1L << 30;
  static final long SIZE = 3 * MAX_POSITION / 4;
  private static final int WINNER = 1;
  private static final int LOSER = 2;

  private final TestExchange x = new TestExchange();
  private long nextId = 1_000;

  private List<Event> apply(Command c) {
    List<Event> events = x.apply(c);
    Invariants.check(x.seq);
    return events;
  }

  private RejectReason reason(Command c) {
    return TestExchange.reason(apply(c));
  }

  private void setUp() {
    for (int m = 0; m < 3; m++) {
      x.market(EquityBoundsTest.WIDE, LOW);
    }
    x.deposit(WINNER, 1L << 57);
    x.deposit(LOSER, 1L << 57);
    for (int m = 0; m < 3; m++) {
      x.deposit(10 + m, 1L << 57);
      x.deposit(20 + m, 1L << 57);
    }
  }

  /** The docs' three markets of {@code +0.75 x 2^62}: only the first position opens. */
  @Test
  void aWinnerCannotHoldWhatWouldRealizeBeyondALong() {
    setUp();
    assertThat(reason(Command.PlaceOrder.limit(10, 0, nextId++, SELL, LOW, SIZE))).isNull();
    assertThat(reason(Command.PlaceOrder.limit(WINNER, 0, nextId++, BUY, LOW, SIZE))).isNull();
    assertThat(x.account(WINNER).size(0)).isEqualTo(SIZE);

    // the next market's order is refused before any state change
    assertThat(reason(Command.PlaceOrder.limit(11, 1, nextId++, SELL, LOW, SIZE))).isNull();
    long collateral = x.account(WINNER).collateral();
    assertThat(reason(Command.PlaceOrder.limit(WINNER, 1, nextId++, BUY, LOW, SIZE)))
        .isEqualTo(RejectReason.COLLATERAL_LIMIT_EXCEEDED);
    assertThat(x.account(WINNER).size(1)).isZero();
    assertThat(x.account(WINNER).openBuy(1)).isZero();
    assertThat(x.account(WINNER).collateral()).isEqualTo(collateral);

    // closing the held market at maxPrice realizes about 0.75 x 2^62 into collateral, no throw
    for (int m = 0; m < 3; m++) {
      x.oracle(m, MAX_PRICE);
    }
    long before = x.account(WINNER).collateral();
    // a buyer at maxPrice counts its cost too: SIZE would pass the bound, two halves do not
    assertThat(reason(Command.PlaceOrder.limit(20, 0, nextId++, BUY, MAX_PRICE, SIZE)))
        .isEqualTo(RejectReason.COLLATERAL_LIMIT_EXCEEDED);
    assertThat(reason(Command.PlaceOrder.limit(20, 0, nextId++, BUY, MAX_PRICE, SIZE / 2)))
        .isNull();
    assertThat(reason(Command.PlaceOrder.limit(21, 0, nextId++, BUY, MAX_PRICE, SIZE / 2)))
        .isNull();
    List<Event> close = apply(Command.PlaceOrder.limit(WINNER, 0, nextId++, SELL, MAX_PRICE, SIZE));
    assertThat(TestExchange.of(close, Event.Fill.class)).hasSize(2);
    assertThat(x.account(WINNER).size(0)).isZero();
    assertThat(x.account(WINNER).collateral() - before).isEqualTo(SIZE * (MAX_PRICE - LOW));
  }

  /** A maker whose resting order became too large for its exposure is cancelled, not filled. */
  @Test
  void aRestingOrderPastTheBoundIsCancelledAtItsFill() {
    setUp();
    assertThat(reason(Command.PlaceOrder.limit(WINNER, 1, 7, BUY, LOW, SIZE))).isNull();
    assertThat(reason(Command.PlaceOrder.limit(10, 0, nextId++, SELL, LOW, SIZE))).isNull();
    assertThat(reason(Command.PlaceOrder.limit(WINNER, 0, nextId++, BUY, LOW, SIZE))).isNull();
    List<Event> events = apply(Command.PlaceOrder.limit(11, 1, nextId++, SELL, LOW, SIZE));
    assertThat(TestExchange.of(events, Event.Fill.class)).isEmpty();
    assertThat(TestExchange.of(events, Event.OrderCancelled.class))
        .anyMatch(c -> c.account() == WINNER && c.reason() == CancelReason.MARGIN);
    assertThat(x.account(WINNER).size(1)).isZero();
  }

  /** The loser at the bound is liquidated (auto-deleveraged) without a throw. */
  @Test
  void theLosersLiquidationAtTheBoundDoesNotThrow() {
    setUp();
    assertThat(reason(Command.PlaceOrder.limit(10, 0, nextId++, BUY, LOW, SIZE))).isNull();
    assertThat(reason(Command.PlaceOrder.limit(LOSER, 0, nextId++, SELL, LOW, SIZE))).isNull();
    assertThat(reason(Command.PlaceOrder.limit(11, 1, nextId++, BUY, LOW, SIZE))).isNull();
    assertThat(reason(Command.PlaceOrder.limit(LOSER, 1, nextId++, SELL, LOW, SIZE)))
        .isEqualTo(RejectReason.COLLATERAL_LIMIT_EXCEEDED);
    x.oracle(0, MAX_PRICE);
    List<Event> sweep = apply(new Command.LiquidationSweep());
    assertThat(TestExchange.of(sweep, Event.Liquidated.class))
        .extracting(Event.Liquidated::account)
        .containsExactly(LOSER);
    assertThat(x.account(LOSER).size(0)).isZero();
  }

  /**
   * The exposure counts what buying a short back at maxPrice can cost, the taker fee included: with
   * a 100% taker fee, a short of q carries {@code 2 q maxPrice} beside its cost.
   */
  @Test
  void theExposureCountsTheFeeOfClosingAtMaxPrice() {
    int m = x.market(TestExchange.spec(0, 1_000_000), 50_000);
    x.deposit(WINNER, 1L << 40);
    x.deposit(LOSER, 1L << 40);
    assertThat(reason(Command.PlaceOrder.limit(WINNER, m, nextId++, BUY, 50_000, 1_000))).isNull();
    assertThat(reason(Command.PlaceOrder.limit(LOSER, m, nextId++, SELL, 50_000, 1_000))).isNull();
    var loser = x.account(LOSER);
    long maxPrice = x.seq.state().market(m).spec().maxPrice();
    assertThat(Exposure.of(loser, x.seq.state()))
        .isEqualTo(Math.abs(loser.collateral()) + 2 * 1_000 * maxPrice + 1_000 * 50_000L);
  }
}
