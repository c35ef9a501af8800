package dev.sable.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ReferenceOrderBook;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Random command streams mixing normal commands ({@link RandomCommands}) with commands whose fields
 * take extreme values: the sequencer never throws, a command is either accepted or rejected with
 * exactly one event and no change, and the invariants hold after every command.
 */
class ExtremeCommandsPropertyTest {
  private static final int COMMANDS = 3_000;

  private static final long[] LONGS = {
    0,
    1,
    -1,
    2,
    5,
    10,
    Long.MIN_VALUE,
    Long.MIN_VALUE + 1,
    Long.MAX_VALUE,
    Long.MAX_VALUE - 1,
    Integer.MIN_VALUE,
    Integer.MAX_VALUE,
    1L << 31,
    1L << 32,
    1L << 40,
    (1L << 42) - 1,
    1L << 42, // maxPrice of market 0
    1L << 59,
    1L << 60,
    1L << 61,
    1L << 62,
    (1L << 62) - 1,
    100_000, // maxPosition of the normal markets
    100_010,
    1_000_000_000, // their maxPrice
    1_000_000_005,
    10_000,
  };

  /** Ids and sources. Not the largest valid account id: every sweep would scan 2^22 accounts. */
  private static final int[] INTS = {
    0, 1, -1, 2, 3, 4, 5, 63, 64, -2, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 22
  };

  @Property(tries = 20)
  void extremeFieldsNeverThrowAndRejectCleanly(@ForAll long seed) {
    TestExchange x = new TestExchange();
    Stream stream = new Stream(seed, x);
    for (int i = 0; i < COMMANDS; i++) {
      Command c = stream.next();
      List<Event> events = x.apply(c);
      RejectReason reason = TestExchange.reason(events);
      if (reason != null) {
        assertThat(events).as("a rejection is the only event: %s", c).hasSize(1);
        assertThat(x.seq.changedAccountCount()).as("a rejection changes nothing: %s", c).isZero();
      }
      Invariants.check(x.seq);
    }
  }

  @Property(tries = 5)
  void referenceAndFastBooksAgreeOnExtremeStreams(@ForAll long seed) {
    TestExchange fast = new TestExchange();
    TestExchange reference = new TestExchange(ReferenceOrderBook::new);
    Stream stream = new Stream(seed, fast);
    for (int i = 0; i < COMMANDS; i++) {
      Command c = stream.next();
      assertThat(fast.apply(c)).as("command %d: %s", i, c).isEqualTo(reference.apply(c));
      assertThat(fast.seq.stateHash()).isEqualTo(reference.seq.stateHash());
    }
  }

  /** Guards the generator: the extreme stream reaches the new bounds and still trades. */
  @Test
  void theExtremeStreamReachesTheBounds() {
    TestExchange x = new TestExchange();
    // a seed whose normal stream does not settle market 0 before the large orders trade in it
    Stream stream = new Stream(9, x);
    Set<RejectReason> reasons = EnumSet.noneOf(RejectReason.class);
    for (int i = 0; i < 20_000; i++) {
      RejectReason reason = TestExchange.reason(x.apply(stream.next()));
      if (reason != null) {
        reasons.add(reason);
      }
    }
    assertThat(reasons)
        .contains(
            RejectReason.MALFORMED_COMMAND,
            RejectReason.QUANTITY_ABOVE_MAX,
            RejectReason.COLLATERAL_LIMIT_EXCEEDED,
            RejectReason.BAD_CLIENT_ORDER_ID,
            RejectReason.STALE_ORACLE_PRICE,
            RejectReason.TIME_WENT_BACKWARDS,
            RejectReason.INVALID_MARKET_SPEC);
    assertThat(TestExchange.of(x.all, Event.Fill.class)).isNotEmpty();
    assertThat(TestExchange.of(x.all, Event.Liquidated.class)).isNotEmpty();
    assertThat(TestExchange.of(x.all, Event.Deposited.class))
        .as("large deposits accepted")
        .anyMatch(d -> d.amount() >= 1L << 59);
    assertThat(TestExchange.of(x.all, Event.Fill.class))
        .as("fills in market 0 far larger than the normal stream's (below 2^23)")
        .anyMatch(f -> f.market() == 0 && f.price() * f.quantity() > 1L << 36);
  }

  /**
   * Market 0 is at the notional bound (maxPrice 2^42 * maxPosition 2^20 = 2^62); the normal stream
   * trades in it too, with its usual prices and sizes, while extreme orders, oracle prices and
   * deposits push it to its bounds.
   */
  static final MarketSpec BIG =
      new MarketSpec(
          "BIG", 1, 1, 100_000, 50_000, -100, 500, 1L << 20, 1L << 42, 3, 50, 5, 2_000, 50);

  private static final int WHALE = 11;

  /** Seven in ten commands from the normal stream, the rest with extreme fields. */
  private static final class Stream {
    private final SplittableRandom random;
    private final RandomCommands normal;
    private final TestExchange x;
    private final ArrayDeque<Command> setup = new ArrayDeque<>();
    private long largeOrders;

    Stream(long seed, TestExchange x) {
      this.random = new SplittableRandom(seed);
      this.normal = new RandomCommands(seed, 3, 10, true, x.seq.state());
      this.x = x;
      // Two accounts outside the normal stream's 1..10, with large deposits, trade in market 0.
      setup.add(new Command.ListMarket(BIG));
      setup.add(TestExchange.depositOf(WHALE, 1L << 59));
      setup.add(TestExchange.depositOf(WHALE + 1, 1L << 59));
    }

    Command next() {
      if (!setup.isEmpty()) {
        return setup.poll();
      }
      return random.nextInt(10) < 7 ? normal.next() : extreme();
    }

    private long anyLong() {
      return LONGS[random.nextInt(LONGS.length)];
    }

    private int anyInt() {
      return INTS[random.nextInt(INTS.length)];
    }

    /** A small account id most of the time, so extreme amounts hit accounts that trade. */
    private int account() {
      return random.nextInt(4) == 0 ? anyInt() : random.nextInt(12);
    }

    private int market() {
      return random.nextInt(4) == 0 ? anyInt() : random.nextInt(5);
    }

    /** Any amount under the account's key, no key, an invalid one or another account's. */
    private Command.Deposit depositOfAnyKey(int account) {
      AccountKey key =
          switch (random.nextInt(4)) {
            case 0 -> AccountKey.NONE;
            case 1 -> AccountKey.INVALID;
            case 2 -> TestExchange.key(account + 1);
            default -> TestExchange.key(account);
          };
      return new Command.Deposit(account, anyLong(), key);
    }

    /** Any amount, signed for the account's nonce or any other. */
    private Command.Withdraw withdrawalOfAnyNonce(int account) {
      Command.Withdraw w = x.withdrawal(account, anyLong());
      return random.nextBoolean() ? w : new Command.Withdraw(account, w.amount(), anyLong());
    }

    /** An amend of any id into the next id of its fill slot, or into any id. */
    private Command.AmendOrder amendOfAnyId(int account) {
      long id = anyLong();
      long next = random.nextBoolean() ? id + Account.FILL_SLOTS : anyLong();
      return new Command.AmendOrder(account, id, next, price(), quantity());
    }

    private <T> T pick(T[] values) {
      // one in twenty is a missing field
      return random.nextInt(20) == 0 ? null : values[random.nextInt(values.length)];
    }

    private int source() {
      return random.nextInt(4) == 0 ? anyInt() : random.nextInt(3);
    }

    /**
     * An order in market 0 of a large size, around its mark (which extreme oracle prices move) or
     * at an extreme price: with a large deposit behind it, it trades at the notional bound.
     */
    private Command nearMark() {
      long mark = x.seq.state().markets().isEmpty() ? 1 : x.seq.state().market(0).mark();
      long price =
          random.nextInt(3) == 0
              ? anyLong()
              : Math.max(1, mark + (random.nextInt(21) - 10) * (mark / 100));
      long[] sizes = {1, 1L << 10, 1L << 19, 1L << 20};
      return new Command.PlaceOrder(
          random.nextBoolean() ? WHALE + random.nextInt(2) : account(),
          0,
          ++largeOrders, // fresh client ids: a fill slot never takes an id it has passed
          random.nextBoolean() ? Side.BUY : Side.SELL,
          OrderType.values()[random.nextInt(OrderType.values().length)],
          price,
          sizes[random.nextInt(sizes.length)],
          false,
          0,
          StpMode.CANCEL_TAKER);
    }

    /** A price near the normal markets' marks, or an extreme one. */
    private long price() {
      return random.nextBoolean()
          ? anyLong()
          : RandomCommands.TICK * (1_000 + random.nextInt(3_000));
    }

    private long quantity() {
      return random.nextBoolean() ? anyLong() : RandomCommands.LOT * (1 + random.nextInt(100));
    }

    /** Now, just before or after it (backwards is rejected), or the far past. */
    private long nearTime() {
      long now = x.seq.state().now();
      return switch (random.nextInt(4)) {
        case 0 -> now;
        case 1 -> now - 1;
        case 2 -> now + 1;
        default -> Long.MIN_VALUE;
      };
    }

    /** A near time, or the far future (an oracle record from it, an order expiring then). */
    private long time() {
      return random.nextInt(4) == 0 ? Long.MAX_VALUE : nearTime();
    }

    private Command extreme() {
      return switch (random.nextInt(13)) {
        case 0 -> depositOfAnyKey(account());
        case 1 -> withdrawalOfAnyNonce(account());
        case 2 -> nearMark();
        case 3 ->
            new Command.PlaceOrder(
                account(),
                market(),
                random.nextBoolean() ? anyLong() : random.nextInt(20),
                pick(Side.values()),
                pick(OrderType.values()),
                price(),
                quantity(),
                random.nextBoolean(),
                random.nextBoolean() ? 0 : time(),
                pick(StpMode.values()));
        case 4 -> amendOfAnyId(account());
        case 5 -> new Command.CancelOrder(account(), anyLong());
        case 6 -> new Command.CancelAll(account(), market());
        case 7 -> new Command.OraclePrice(market(), source(), price(), time());
        case 8 -> new Command.FundingTick(market());
        // a jump to a far time stops the normal stream's oracles and time ticks: rare
        case 9 -> new Command.TimeTick(random.nextInt(500) == 0 ? anyLong() : nearTime());
        case 10 -> new Command.ListMarket(random.nextInt(10) == 0 ? null : spec());
        case 11 ->
            new Command.SetMarketStatus(
                market(), random.nextInt(30) == 0 ? MarketStatus.SETTLED : pick(statuses()));
        default -> new Command.LiquidationSweep();
      };
    }

    private static MarketStatus[] statuses() {
      return new MarketStatus[] {MarketStatus.ACTIVE, MarketStatus.HALTED};
    }

    /** A market spec with extreme parameters (valid at times). */
    private MarketSpec spec() {
      if (random.nextBoolean()) {
        return new MarketSpec(
            "BIG2", 1, 1, 100_000, 50_000, -100, 500, 1L << 20, 1L << 42, 3, anyLong(), 1,
            1_000_000, 1);
      }
      return new MarketSpec(
          "X" + random.nextInt(10),
          anyLong(),
          anyLong(),
          anyLong(),
          anyLong(),
          anyLong(),
          anyLong(),
          anyLong(),
          anyLong(),
          anyInt(),
          anyLong(),
          anyLong(),
          anyLong(),
          anyLong());
    }
  }
}
