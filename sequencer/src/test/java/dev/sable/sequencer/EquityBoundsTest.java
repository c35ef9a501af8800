package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.margin.Exposure;
import dev.sable.sequencer.margin.Margin;
import dev.sable.sequencer.market.MarketSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Accounts at the exposure bound (docs/sequencer.md "Bounds"), reached by ordinary commands only:
 * deposits within the limits, trades at 2^30 of {@code maxPosition / 16} in eight markets at the
 * notional bound (margins 2% / 1%), then oracle prices at {@code maxPrice}. The account long in all
 * eight gains about 2^61, the one short in all eight loses as much; a further risk-increasing order
 * of either is refused ({@code COLLATERAL_LIMIT_EXCEEDED}), and the sweep liquidates the loser,
 * auto-deleveraging it against the winner, without a throw. Random streams from there (orders of up
 * to 2^21, amends, withdrawals, forced withdrawals, switches, cancels, oracle jumps between 1 and
 * {@code maxPrice}, liquidation sweeps) never throw, keep every account's exposure within the limit
 * and the equity reads and the liquidation test equal to an exact sum after every command, and
 * replay to the same events and state hash. Before the bound, eight markets of 3/4 {@code
 * maxPosition} took equity beyond a long and the sweep threw.
 */
class EquityBoundsTest {
  static final long MAX_POSITION = 1L << 22;
  static final long MAX_PRICE = 1L << 40;
  static final long LOW = 1L << 30;
  static final long SIZE = MAX_POSITION / 16;
  static final int MARKETS = 8;

  /** At the notional bound, initial 2%, maintenance 1%, no fees. */
  static final MarketSpec WIDE =
      new MarketSpec(
          "WIDE", 1, 1, 20_000, 10_000, 0, 0, MAX_POSITION, MAX_PRICE, 3, 100, 10, 1_000, 10);

  private static final int WINNER = 1;
  private static final int LOSER = 20;
  private static final int TAKER = 30;
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

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

  /** {@code buyer} buys SIZE at LOW from {@code seller} in {@code market}. */
  private void trade(int buyer, int seller, int market) {
    assertThat(reason(Command.PlaceOrder.limit(seller, market, nextId++, SELL, LOW, SIZE)))
        .isNull();
    assertThat(reason(Command.PlaceOrder.limit(buyer, market, nextId++, BUY, LOW, SIZE))).isNull();
  }

  /**
   * The winner buys from one seller per market; with {@code loser}, the loser sells to one buyer
   * per market. Each counterparty holds one market, so its loss fits a long.
   */
  private void setUp(boolean loser) {
    for (int m = 0; m < MARKETS; m++) {
      x.market(WIDE, LOW);
    }
    x.deposit(WINNER, 1L << 57);
    x.deposit(TAKER, 1L << 50);
    for (int m = 0; m < MARKETS; m++) {
      x.deposit(2 + m, 1L << 56);
      trade(WINNER, 2 + m, m);
    }
    if (loser) {
      x.deposit(LOSER, 1L << 57);
      for (int m = 0; m < MARKETS; m++) {
        x.deposit(10 + m, 1L << 56);
        trade(10 + m, LOSER, m);
      }
      // resting before the move: a sell that increases the loser's short (checked at the fill)
      assertThat(reason(Command.PlaceOrder.limit(LOSER, 1, 1, SELL, MAX_PRICE, 1))).isNull();
    }
    for (int m = 0; m < MARKETS; m++) {
      x.oracle(m, MAX_PRICE);
    }
  }

  /** The exact equity, summed here independently of the sequencer (funding is not moved). */
  private BigInteger exactEquity(int id) {
    Account a = x.account(id);
    BigInteger e = BigInteger.valueOf(a.collateral());
    for (int m = 0; m < MARKETS; m++) {
      e =
          e.add(BigInteger.valueOf(a.size(m)).multiply(BigInteger.valueOf(MAX_PRICE)))
              .subtract(BigInteger.valueOf(a.cost(m)));
    }
    return e;
  }

  @Test
  void atTheBoundOrdersAreRefusedAndTheSweepDoesNotThrow() {
    setUp(true);
    var margin = x.seq.margin();
    Account winner = x.account(WINNER);
    Account loser = x.account(LOSER);
    assertThat(margin.equity(winner)).isEqualTo(exactEquity(WINNER).longValueExact());
    assertThat(margin.equity(loser)).isEqualTo(exactEquity(LOSER).longValueExact());
    assertThat(Exposure.of(winner, x.seq.state())).isLessThanOrEqualTo(Exposure.LIMIT);

    // a ninth position's worth is refused before any state change, for both
    assertThat(reason(Command.PlaceOrder.limit(WINNER, 0, 7, BUY, LOW, 8 * SIZE)))
        .isEqualTo(RejectReason.COLLATERAL_LIMIT_EXCEEDED);
    assertThat(winner.openBuy(0)).isZero();
    assertThat(reason(Command.PlaceOrder.limit(LOSER, 0, 8, SELL, LOW, 8 * SIZE)))
        .isEqualTo(RejectReason.COLLATERAL_LIMIT_EXCEEDED);

    // the loser and the first winner's sellers are liquidated; nothing throws
    long before = winner.collateral();
    List<Event> sweep = apply(new Command.LiquidationSweep());
    assertThat(TestExchange.of(sweep, Event.Liquidated.class))
        .extracting(Event.Liquidated::account)
        .contains(LOSER, 2, 9);
    assertThat(loser.hasPositions()).isFalse();
    assertThat(winner.collateral()).as("deleveraging realized gains").isGreaterThan(before);
    assertThat(margin.equity(winner)).isEqualTo(exactEquity(WINNER).longValueExact());
  }

  private static final int[] TRADERS = {WINNER, LOSER, TAKER, 2, 10};
  private static final long[] PRICES = {1, LOW, 1L << 35, MAX_PRICE};
  // 2^21 at maxPrice opens 2^62 of exposure: refused for any account holding anything
  private static final long[] QUANTITIES = {1, 1L << 10, 1L << 21};

  @Property(tries = 6)
  void streamsNearTheBoundsNeverThrowAndReplayIdentically(@ForAll long seed) {
    EquityBoundsTest first = new EquityBoundsTest();
    first.setUp(true);
    SplittableRandom random = new SplittableRandom(seed);
    List<Command> stream = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      for (Command c : first.next(random)) {
        stream.add(c);
        events.addAll(first.apply(c));
        first.decisionsAreExact();
      }
    }
    EquityBoundsTest replay = new EquityBoundsTest();
    replay.setUp(true);
    List<Event> replayed = new ArrayList<>();
    for (Command c : stream) {
      replayed.addAll(replay.x.apply(c));
    }
    assertThat(replayed).isEqualTo(events);
    assertThat(replay.x.seq.stateHash()).isEqualTo(first.x.seq.stateHash());
  }

  /** Guards the generator: streams of the first seeds reach the exposure bound and liquidate. */
  @Test
  void theStreamsReachTheBoundAndLiquidate() {
    List<Event> events = new ArrayList<>();
    for (long seed = 1; seed <= 8; seed++) {
      EquityBoundsTest t = new EquityBoundsTest();
      t.setUp(true);
      SplittableRandom random = new SplittableRandom(seed);
      for (int i = 0; i < 300; i++) {
        for (Command c : t.next(random)) {
          events.addAll(t.apply(c));
        }
      }
    }
    assertThat(events).contains(new Event.Rejected(RejectReason.COLLATERAL_LIMIT_EXCEEDED));
    assertThat(TestExchange.of(events, Event.Liquidated.class)).isNotEmpty();
  }

  /** The next command(s), drawn against the current state (a nonce is usually the right one). */
  private List<Command> next(SplittableRandom r) {
    int a = TRADERS[r.nextInt(TRADERS.length)];
    int m = r.nextInt(MARKETS);
    long price = PRICES[r.nextInt(PRICES.length)];
    long quantity = QUANTITIES[r.nextInt(QUANTITIES.length)];
    long nonce = x.account(a).nonce() + (r.nextInt(8) == 0 ? 1 : 0);
    return switch (r.nextInt(9)) {
      case 0, 1 ->
          List.of(
              Command.PlaceOrder.limit(
                  a, m, nextId++, r.nextBoolean() ? BUY : SELL, price, quantity));
      case 2 ->
          List.of(TestExchange.amendOf(a, 1_000 + r.nextLong(nextId - 1_000 + 1), price, quantity));
      case 3 -> List.of(new Command.Withdraw(a, 1L << r.nextInt(58), nonce));
      case 4 -> List.of(new Command.ForcedWithdrawal(a, 1L << r.nextInt(62), nonce, true));
      case 5 -> List.of(new Command.SetMarginMode(a, r.nextBoolean(), nextId++));
      case 6 -> List.of(new Command.CancelAll(a, -1));
      case 7 -> List.of(new Command.LiquidationSweep());
      default -> {
        long now = x.seq.state().now() + 1;
        List<Command> tick = new ArrayList<>(List.of(new Command.TimeTick(now)));
        for (int s = 0; s < 3; s++) {
          tick.add(new Command.OraclePrice(m, s, price, now));
        }
        yield tick;
      }
    };
  }

  /** Equity reads and the liquidation test against an exact sum of the per-market values. */
  private void decisionsAreExact() {
    Margin margin = x.seq.margin();
    for (int id : new int[] {WINNER, LOSER, TAKER}) {
      Account a = x.account(id);
      assertThat(Exposure.of(a, x.seq.state())).isLessThanOrEqualTo(Exposure.LIMIT);
      BigInteger exact = BigInteger.valueOf(a.collateral());
      for (int m = 0; m < MARKETS; m++) {
        exact = exact.add(BigInteger.valueOf(Margin.positionValue(a, x.seq.state().market(m))));
      }
      BigInteger clamped = exact.max(BigInteger.valueOf(Long.MIN_VALUE)).min(LONG_MAX);
      assertThat(margin.equity(a)).isEqualTo(clamped.longValueExact());
      long requirement = margin.maintenanceRequirement(a);
      if (requirement < Long.MAX_VALUE) {
        assertThat(margin.below(a, requirement))
            .isEqualTo(exact.compareTo(BigInteger.valueOf(requirement)) < 0);
      }
    }
  }
}
