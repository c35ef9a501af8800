package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.market.MarketSpec;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The portfolio requirement at the listing bounds (docs/options.md "Bounds"): an account in
 * portfolio mode resting a buy of 3/4 of {@code maxPosition} at 2^30 in each of eight markets at
 * the notional bound ({@code maxPrice * maxPosition = 2^62}, maintenance 50%, so the scenario range
 * is 50%), then marked at 2^40. Its true initial requirement with the orders is beyond a long:
 * every hypothetical check (order, amend, withdrawal) decides as exact arithmetic would (the
 * requirement exceeds any equity) and none throws, and a fill of the orders (checked on positions)
 * goes through. Positions that large are refused by the exposure bound (docs/sequencer.md
 * "Bounds"), so only open orders take a requirement past a long.
 */
class PortfolioBoundsTest {
  static final long MAX_POSITION = 1L << 22;
  static final long MAX_PRICE = 1L << 40;
  static final long LOW = 1L << 30;
  static final long SIZE = 3 * MAX_POSITION / 4;

  /** At the notional bound; maintenance 50% (the largest scenario range), initial 60%. */
  static final MarketSpec HUGE =
      new MarketSpec(
          "HUGE", 1, 1, 600_000, 500_000, 0, 0, MAX_POSITION, MAX_PRICE, 3, 100, 10, 1_000, 10);

  private static final int WHALE = 1;
  private static final int TAKER = 9;

  private TestExchange x;

  private List<Event> apply(Command c) {
    List<Event> events = x.apply(c);
    Invariants.check(x.seq);
    return events;
  }

  private RejectReason reason(Command c) {
    return TestExchange.reason(apply(c));
  }

  @BeforeEach
  void setUp() {
    x = new TestExchange();
    for (int m = 0; m < 8; m++) {
      x.market(HUGE, LOW);
    }
    x.deposit(WHALE, 1L << 56);
    x.deposit(TAKER, 1L << 50);
    assertThat(reason(new Command.SetMarginMode(WHALE, true, 1_023))).isNull();
    for (int m = 0; m < 8; m++) {
      assertThat(reason(Command.PlaceOrder.limit(WHALE, m, 10 + m, BUY, LOW, SIZE))).isNull();
    }
    // resting before the move: a sell amended later to a worse price
    assertThat(reason(Command.PlaceOrder.limit(WHALE, 0, 2, SELL, MAX_PRICE, 1))).isNull();
    for (int m = 0; m < 8; m++) {
      x.oracle(m, MAX_PRICE);
    }
  }

  @Test
  void everyHypotheticalCheckRefusesCleanly() {
    var margin = x.seq.margin();
    var whale = x.account(WHALE);
    assertThat(margin.initialRequirement(whale)).isEqualTo(Long.MAX_VALUE);
    assertThat(margin.maintenanceRequirement(whale)).isZero();
    assertThat(reason(Command.PlaceOrder.limit(WHALE, 2, 3, BUY, 1, 1)))
        .isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    assertThat(reason(TestExchange.amendOf(WHALE, 2, MAX_PRICE - 1, 1)))
        .isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    assertThat(reason(x.withdrawal(WHALE, 1))).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    apply(new Command.CancelAll(WHALE, -1));
    assertThat(margin.initialRequirement(whale)).isZero();
  }

  @Test
  void aFillOfTheOrdersIsCheckedOnPositionsAndNothingThrows() {
    // the fill-time check counts positions only: buying at 2^30 what is marked at 2^40 is a gain
    List<Event> fill = apply(Command.PlaceOrder.limit(TAKER, 1, 7, SELL, LOW, 1));
    assertThat(TestExchange.of(fill, Event.Fill.class)).hasSize(1);
    assertThat(x.account(WHALE).size(1)).isEqualTo(1);
    assertThat(x.seq.margin().initialRequirement(x.account(WHALE))).isEqualTo(Long.MAX_VALUE);
    assertThat(TestExchange.of(apply(new Command.LiquidationSweep()), Event.Liquidated.class))
        .isEmpty();
  }
}
