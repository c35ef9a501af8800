package dev.sable.bench;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.market.MarketSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the benchmark workloads (docs/sequencer.md, Speed) from a seed. Generation runs the
 * commands through a sequencer of its own, so cancels and amends target orders that are really
 * resting, and takers are sent by an account that owns none of the orders they will meet (so no
 * self-trade prevention fires, and a book without it, such as exchange-core's, fills the same).
 *
 * <ul>
 *   <li>{@code single}: 1 market, 2,000 accounts, ~1,000 resting orders over ~750 price levels;
 *       commands 9% GTC, 3% IOC, 6% cancel, 82% amend (move by 1-10 ticks).
 *   <li>{@code deep}: the same mix on a book of ~40,000 resting orders over ~10,000 levels.
 *   <li>{@code aggressive}: 1 market, ~1,300 resting orders in a narrow band; a third of the
 *       commands cross: GTC orders that sweep 1-3 levels and rest the rest, IOCs that take 1-5
 *       orders; the others place, amend and cancel resting orders, the book's size held near its
 *       target.
 *   <li>{@code multi}: 10 markets, 10,000 accounts, 100,000 resting orders; commands 60% place, 30%
 *       cancel, 10% market orders.
 * </ul>
 *
 * Margin checks are on: every account has collateral and every risk-increasing order is checked. An
 * account trades in at most 8 markets (the settlement layout's position slots); an amend moves the
 * order to the next client id of its fill slot (docs/settlement.md, "Orders").
 */
final class WorkloadGenerator {
  private static final long MID = 1_000_000;

  private final List<Command> setup = new ArrayList<>();
  private final SplittableRandom random;
  private final Sequencer generator = Sequencer.fast(EventSink.DISCARD);
  private final int accounts;
  private final long spread;

  /** Whether prices stay within {@code spread} of the middle (the book does not drift). */
  private final boolean anchored;

  private final long[] nextClientId;
  private final List<long[]> live = new ArrayList<>(); // {account, clientOrderId, market}

  private WorkloadGenerator(long seed, int markets, int accounts, long spread, boolean anchored) {
    this.random = new SplittableRandom(seed);
    this.accounts = accounts;
    this.spread = spread;
    this.anchored = anchored;
    this.nextClientId = new long[accounts + 1];
    for (int m = 0; m < markets; m++) {
      emit(setup, new Command.ListMarket(spec(m)));
      for (int s = 0; s < 3; s++) {
        emit(setup, new Command.OraclePrice(m, s, MID, 0));
      }
    }
    for (int a = 1; a <= accounts; a++) {
      // A placeholder key: the sequencer only compares keys.
      emit(setup, new Command.Deposit(a, 1_000_000_000_000L, new AccountKey(0, 0, 0, a)));
    }
  }

  /** Workload (a). */
  static MatchingWorkload single(int commandCount) {
    // Offsets 1..1200 ticks on each side: ~500 orders per side spread over ~375 levels each.
    return passive(new WorkloadGenerator(1, 1, 2_000, 1_200, true), 1_000, commandCount);
  }

  /** Workload (a)'s mix on a deep book: ~20,000 orders per side over ~5,000 levels each. */
  static MatchingWorkload deep(int commandCount) {
    return passive(new WorkloadGenerator(3, 1, 2_000, 5_000, true), 40_000, commandCount);
  }

  /** 9% GTC, 3% IOC, 6% cancel, 82% amend on a book of {@code resting} orders. */
  private static MatchingWorkload passive(WorkloadGenerator w, int resting, int commandCount) {
    w.rest(resting, 1);
    Command[] out = new Command[commandCount];
    for (int i = 0; i < commandCount; i++) {
      int r = w.random.nextInt(100);
      Command c =
          r < 9 ? w.gtc(0) : r < 12 ? w.taker(0, OrderType.IOC, 1) : r < 18 ? w.cancel() : w.move();
      out[i] = w.emit(null, c);
    }
    return new MatchingWorkload(List.copyOf(w.setup), out);
  }

  /**
   * The crossing mix: 12% GTC orders that sweep 1-2 whole levels and rest 1-10 more at the last one
   * (the new best), 12% IOCs that take the first 1-3 orders; the rest place non-crossing orders
   * near the spread, amend and cancel: only places while the book is below {@code
   * AGGRESSIVE_RESTING}, which the crossing orders drain, so its size stays near that target.
   */
  static MatchingWorkload aggressive(int commandCount) {
    WorkloadGenerator w = new WorkloadGenerator(4, 1, 2_000, 150, false);
    w.rest(AGGRESSIVE_RESTING, 1);
    OrderBook book = w.generator.state().market(0).book();
    Command[] out = new Command[commandCount];
    for (int i = 0; i < commandCount; i++) {
      int r = w.random.nextInt(100);
      Command c;
      if (r < 12) {
        c = w.sweep(0, 1 + w.random.nextInt(2));
      } else if (r < 24) {
        c = w.taker(0, OrderType.IOC, 1 + w.random.nextInt(3));
      } else if (book.size() < AGGRESSIVE_RESTING || r < 64) {
        c = w.nearSpread(0);
      } else {
        c = r < 92 ? w.move() : w.cancel();
      }
      out[i] = w.emit(null, c);
    }
    return new MatchingWorkload(List.copyOf(w.setup), out);
  }

  private static final int AGGRESSIVE_RESTING = 1_300;

  /** Workload (b). */
  static MatchingWorkload multi(int commandCount) {
    WorkloadGenerator w = new WorkloadGenerator(2, 10, 10_000, 2_000, true);
    w.rest(100_000, 10);
    Command[] out = new Command[commandCount];
    for (int i = 0; i < commandCount; i++) {
      int r = w.random.nextInt(100);
      int m = w.random.nextInt(10);
      Command c = r < 60 ? w.gtc(m) : r < 90 ? w.cancel() : w.taker(m, OrderType.MARKET, 3);
      out[i] = w.emit(null, c);
    }
    return new MatchingWorkload(List.copyOf(w.setup), out);
  }

  static MarketSpec spec(int m) {
    return new MarketSpec(
        "BENCH-" + m,
        1,
        1,
        100_000,
        50_000,
        -100,
        500,
        1_000_000_000,
        1_000_000_000,
        3,
        1_000_000,
        1,
        1_000,
        100);
  }

  private Command emit(List<Command> into, Command c) {
    generator.apply(c);
    if (into != null) {
      into.add(c);
    }
    return c;
  }

  private void rest(int orders, int markets) {
    for (int i = 0; i < orders; i++) {
      emit(setup, gtc(i % markets));
    }
  }

  private int anyAccount() {
    return 1 + random.nextInt(accounts);
  }

  /**
   * An account that may trade the market: account a trades market m when (a + m) mod 10 < 8, so no
   * account is active in more than 8 of the 10 markets of workload (b).
   */
  private int accountFor(int market) {
    int a = anyAccount();
    while ((a + market) % 10 >= Account.MAX_ACTIVE_MARKETS) {
      a = a % accounts + 1;
    }
    return a;
  }

  /** A non-crossing limit order 1..spread ticks away from the middle. */
  private Command gtc(int market) {
    int a = accountFor(market);
    boolean buy = random.nextBoolean();
    long price = MID + (buy ? -1 : 1) * (1 + random.nextLong(spread));
    long cid = ++nextClientId[a];
    live.add(new long[] {a, cid, market});
    return Command.PlaceOrder.limit(a, market, cid, buy ? Side.BUY : Side.SELL, price, qty());
  }

  private long qty() {
    return 1 + random.nextInt(10);
  }

  /** A taker for the quantity of the first {@code depth} orders of the opposite side. */
  private Command taker(int market, OrderType type, int depth) {
    boolean buy = random.nextBoolean();
    OrderBook book = generator.state().market(market).book();
    long quantity = 0;
    long worst = buy ? MID + 1 : MID - 1;
    long id = book.best(!buy);
    for (int i = 0; i < depth && id != OrderBook.NONE; i++, id = book.next(id)) {
      quantity += book.quantity(id);
      worst = book.price(id);
    }
    int a = accountOutside(market, book, !buy, depth);
    long bound = buy ? worst + 10 : worst - 10;
    return new Command.PlaceOrder(
        a,
        market,
        ++nextClientId[a],
        buy ? Side.BUY : Side.SELL,
        type,
        bound,
        Math.max(1, quantity),
        false,
        0,
        StpMode.CANCEL_TAKER);
  }

  /**
   * A GTC order that takes every order of the first {@code levels} levels of the opposite side and
   * rests 1-10 more at the last level's price.
   */
  private Command sweep(int market, int levels) {
    boolean buy = random.nextBoolean();
    OrderBook book = generator.state().market(market).book();
    long id = book.best(!buy);
    if (id == OrderBook.NONE) {
      return gtc(market);
    }
    long quantity = 0;
    long limit = book.price(id);
    int orders = 0;
    for (int level = 0; id != OrderBook.NONE; id = book.next(id), orders++) {
      if (book.price(id) != limit && ++level == levels) {
        break;
      }
      limit = book.price(id);
      quantity += book.quantity(id);
    }
    int a = accountOutside(market, book, !buy, orders);
    long cid = ++nextClientId[a];
    live.add(new long[] {a, cid, market});
    return Command.PlaceOrder.limit(
        a, market, cid, buy ? Side.BUY : Side.SELL, limit, quantity + qty());
  }

  /** A non-crossing limit order 1..spread ticks behind the best opposite price. */
  private Command nearSpread(int market) {
    boolean buy = random.nextBoolean();
    OrderBook book = generator.state().market(market).book();
    long opposite = book.best(!buy);
    long from = opposite == OrderBook.NONE ? MID : book.price(opposite);
    long price = from + (buy ? -1 : 1) * (1 + random.nextLong(spread));
    int a = accountFor(market);
    long cid = ++nextClientId[a];
    live.add(new long[] {a, cid, market});
    return Command.PlaceOrder.limit(a, market, cid, buy ? Side.BUY : Side.SELL, price, qty());
  }

  /**
   * An account that may trade the market and owns none of the first {@code orders} orders of a
   * side.
   */
  private int accountOutside(int market, OrderBook book, boolean side, int orders) {
    while (true) {
      int a = accountFor(market);
      boolean owns = false;
      long id = book.best(side);
      for (int i = 0; i < orders && id != OrderBook.NONE && !owns; i++, id = book.next(id)) {
        owns = book.account(id) == a;
      }
      if (!owns) {
        return a;
      }
    }
  }

  /** A live resting order {account, clientOrderId, market}, forgetting ones that filled. */
  private long[] liveOrder() {
    while (true) {
      int i = random.nextInt(live.size());
      long[] o = live.get(i);
      if (generator.state().account((int) o[0]).orderId(o[1]) != OrderBook.NONE) {
        return o;
      }
      live.set(i, live.getLast());
      live.removeLast();
    }
  }

  private Command cancel() {
    long[] o = liveOrder();
    return new Command.CancelOrder((int) o[0], o[1]);
  }

  /**
   * Moves a resting order by 1..10 ticks, never crossing: in an anchored workload it stays on its
   * side of the middle, within the spread; in a drifting one it stays behind the best opposite
   * price.
   */
  private Command move() {
    long[] o = liveOrder();
    OrderBook book = generator.state().market((int) o[2]).book();
    long orderId = generator.state().account((int) o[0]).orderId(o[1]);
    long price = book.price(orderId);
    long moved = price + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(10));
    boolean buy = book.isBuy(orderId);
    long bounded = moved;
    if (anchored) {
      bounded =
          buy ? Math.clamp(moved, MID - spread, MID - 1) : Math.clamp(moved, MID + 1, MID + spread);
    }
    long opposite = book.best(!buy);
    if (opposite != OrderBook.NONE) {
      long best = book.price(opposite);
      bounded = buy ? Math.min(bounded, best - 1) : Math.max(bounded, best + 1);
    }
    if (bounded == price) {
      bounded = buy ? price - 1 : price + 1;
    }
    long next = o[1] + Account.FILL_SLOTS; // the same fill slot
    Command amend = new Command.AmendOrder((int) o[0], o[1], next, bounded, book.quantity(orderId));
    o[1] = next;
    return amend;
  }
}
