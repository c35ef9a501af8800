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
 * Generates the two benchmark workloads (docs/sequencer.md, Speed) from a seed. Generation runs the
 * commands through a sequencer of its own, so cancels and amends target orders that are really
 * resting.
 *
 * <ul>
 *   <li>{@code single}: 1 market, 2,000 accounts, ~1,000 resting orders over ~750 price levels;
 *       commands 9% GTC, 3% IOC, 6% cancel, 82% amend (move by 1-10 ticks).
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
  private final long[] nextClientId;
  private final List<long[]> live = new ArrayList<>(); // {account, clientOrderId, market}

  private WorkloadGenerator(long seed, int markets, int accounts, long spread) {
    this.random = new SplittableRandom(seed);
    this.accounts = accounts;
    this.spread = spread;
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
    WorkloadGenerator w = new WorkloadGenerator(1, 1, 2_000, 1_200);
    w.rest(1_000, 1);
    Command[] out = new Command[commandCount];
    for (int i = 0; i < commandCount; i++) {
      int r = w.random.nextInt(100);
      Command c =
          r < 9 ? w.gtc(0) : r < 12 ? w.taker(0, OrderType.IOC, 1) : r < 18 ? w.cancel() : w.move();
      out[i] = w.emit(null, c);
    }
    return new MatchingWorkload(List.copyOf(w.setup), out);
  }

  /** Workload (b). */
  static MatchingWorkload multi(int commandCount) {
    WorkloadGenerator w = new WorkloadGenerator(2, 10, 10_000, 2_000);
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

  private static MarketSpec spec(int m) {
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
    int a = accountFor(market);
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

  /** Moves a resting order by 1..10 ticks, staying on its side of the middle. */
  private Command move() {
    long[] o = liveOrder();
    OrderBook book = generator.state().market((int) o[2]).book();
    long orderId = generator.state().account((int) o[0]).orderId(o[1]);
    long price = book.price(orderId);
    long moved = price + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(10));
    boolean buy = book.isBuy(orderId);
    long bounded =
        buy ? Math.clamp(moved, MID - spread, MID - 1) : Math.clamp(moved, MID + 1, MID + spread);
    if (bounded == price) {
      bounded = buy ? price - 1 : price + 1;
    }
    long next = o[1] + Account.FILL_SLOTS; // the same fill slot
    Command amend = new Command.AmendOrder((int) o[0], o[1], next, bounded, book.quantity(orderId));
    o[1] = next;
    return amend;
  }
}
