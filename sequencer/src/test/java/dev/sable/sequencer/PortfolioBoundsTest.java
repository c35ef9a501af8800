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
 * portfolio mode holding four hedged pairs of perpetuals, each position 3/4 of {@code maxPosition}
 * in a market at the notional bound ({@code maxPrice * maxPosition = 2^62}, maintenance 50%, so the
 * scenario range is 50%), bought at 2^30 and marked at 2^40. Its true maintenance requirement is
 * {@code 8 x 3/4 x 2^61 = 1.5 x 2^63}, beyond a long: every path (order, amend, withdrawal, forced
 * withdrawal, switch, fill, sweep) decides as exact arithmetic would (the requirement exceeds any
 * equity) and none throws.
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
  private long nextId = 1_000;

  private List<Event> apply(Command c) {
    List<Event> events = x.apply(c);
    Invariants.check(x.seq);
    return events;
  }

  private RejectReason reason(Command c) {
    return TestExchange.reason(apply(c));
  }

  /** {@code account} trades {@code size} (signed) at LOW against {@code counterparty}. */
  private void trade(int account, int counterparty, int market, long size) {
    long q = Math.abs(size);
    assertThat(
            reason(
                Command.PlaceOrder.limit(
                    counterparty, market, nextId++, size > 0 ? SELL : BUY, LOW, q)))
        .isNull();
    assertThat(
            reason(
                Command.PlaceOrder.limit(account, market, nextId++, size > 0 ? BUY : SELL, LOW, q)))
        .isNull();
    assertThat(x.account(account).size(market)).isEqualTo(size);
  }

  @BeforeEach
  void setUp() {
    x = new TestExchange();
    for (int m = 0; m < 8; m++) {
      x.market(HUGE, LOW);
    }
    x.deposit(WHALE, 1L << 56);
    x.deposit(TAKER, 1L << 50);
    assertThat(reason(new Command.SetMarginMode(WHALE, true))).isNull();
    for (int pair = 0; pair < 4; pair++) {
      int counterparty = 2 + pair; // hedged too: short the long market, long the short one
      x.deposit(counterparty, 1L << 56);
      trade(WHALE, counterparty, 2 * pair, SIZE);
      trade(WHALE, counterparty, 2 * pair + 1, -SIZE);
    }
    // resting before the move: a sell that would increase the short (fill-time check later) and
    // a sell that reduces the long (accepted without a check, amended later)
    assertThat(reason(Command.PlaceOrder.limit(WHALE, 1, 1, SELL, MAX_PRICE, 1))).isNull();
    assertThat(reason(Command.PlaceOrder.limit(WHALE, 0, 2, SELL, MAX_PRICE, 1))).isNull();
    for (int m = 0; m < 8; m++) {
      x.oracle(m, MAX_PRICE);
    }
  }

  @Test
  void everyHypotheticalCheckRefusesCleanly() {
    var margin = x.seq.margin();
    var whale = x.account(WHALE);
    assertThat(margin.maintenanceRequirement(whale)).isEqualTo(Long.MAX_VALUE);
    assertThat(margin.initialRequirement(whale)).isEqualTo(Long.MAX_VALUE);
    assertThat(reason(Command.PlaceOrder.limit(WHALE, 2, 3, BUY, 1, 1)))
        .isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    assertThat(reason(TestExchange.amendOf(WHALE, 2, MAX_PRICE - 1, 1)))
        .isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    assertThat(reason(x.withdrawal(WHALE, 1))).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    apply(new Command.CancelAll(WHALE, -1));
    assertThat(reason(new Command.SetMarginMode(WHALE, false)))
        .isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    long collateral = whale.collateral();
    apply(new Command.ForcedWithdrawal(WHALE, 1_000, whale.nonce(), true));
    assertThat(whale.collateral()).as("nothing is free").isEqualTo(collateral);
  }

  @Test
  void aRiskIncreasingFillIsRefusedAndTheSweepLiquidates() {
    List<Event> fill = apply(Command.PlaceOrder.limit(TAKER, 1, 7, BUY, MAX_PRICE, 1));
    assertThat(TestExchange.of(fill, Event.Fill.class)).isEmpty();
    assertThat(x.account(WHALE).size(1)).isEqualTo(-SIZE);
    long equity = x.seq.margin().equity(x.account(WHALE));
    List<Event> sweep = apply(new Command.LiquidationSweep());
    assertThat(TestExchange.of(sweep, Event.Liquidated.class))
        .contains(new Event.Liquidated(WHALE, equity, Long.MAX_VALUE));
  }
}
