package dev.sable.sequencer;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * A seeded stream of commands of every kind, mostly valid, some not (bad tick, zero size, duplicate
 * client id, unknown order, a deposit under another key, a withdrawal for a stale nonce), with
 * random-walking oracle prices so that margin calls, liquidations, funding and auto-deleveraging
 * happen. Withdrawals read the account's nonce from the state the stream is applied to, so the
 * stream is generated in step with its sequencer. Same seed and sequencer, same stream.
 */
public final class RandomCommands {
  static final long TICK = 5;
  static final long LOT = 10;
  private static final int RING = 16;

  private final SplittableRandom random;
  private final int markets;
  private final int accounts;
  private final boolean allowSettle;
  private final long[] marks;
  private final long[] nextClientId;
  private final long[][] recentClientIds;
  private final boolean[] halted;
  private final ArrayDeque<Command> pending = new ArrayDeque<>();
  private final ExchangeState state;
  private long now;

  /**
   * @param state the state the stream is applied to, read for withdrawal nonces
   */
  public RandomCommands(
      long seed, int markets, int accounts, boolean allowSettle, ExchangeState state) {
    this.random = new SplittableRandom(seed);
    this.state = state;
    this.markets = markets;
    this.accounts = accounts;
    this.allowSettle = allowSettle;
    this.marks = new long[markets];
    this.nextClientId = new long[accounts + 1];
    this.recentClientIds = new long[accounts + 1][RING];
    this.halted = new boolean[markets];
    for (int m = 0; m < markets; m++) {
      pending.add(new Command.ListMarket(spec(m)));
      marks[m] = 10_000;
    }
    pending.add(new Command.TimeTick(1));
    now = 1;
    for (int m = 0; m < markets; m++) {
      queueOracle(m);
    }
    pending.add(TestExchange.depositOf(Account.INSURANCE_FUND, 1_000));
    for (int a = 1; a <= accounts; a++) {
      // Odd accounts trade on thin collateral (liquidation candidates), even ones are well funded.
      long base = a % 2 == 1 ? 20_000 : 1_000_000;
      pending.add(TestExchange.depositOf(a, base + random.nextLong(base * 4)));
    }
  }

  static MarketSpec spec(int m) {
    return new MarketSpec(
        "M" + m,
        TICK,
        LOT,
        100_000,
        50_000,
        -100,
        500,
        100_000,
        1_000_000_000,
        3,
        50,
        5,
        2_000,
        50);
  }

  public Command next() {
    if (pending.isEmpty()) {
      generate();
    }
    return pending.poll();
  }

  private int anyAccount() {
    return 1 + random.nextInt(accounts);
  }

  private long price(int m, int ticks) {
    long base = marks[m] / TICK * TICK;
    return Math.max(TICK, base + TICK * (random.nextInt(2 * ticks + 1) - ticks));
  }

  private long recent(int account) {
    return recentClientIds[account][random.nextInt(RING)];
  }

  private void generate() {
    int r = random.nextInt(1000);
    if (r < 400) {
      pending.add(place());
    } else if (r < 550) {
      int a = anyAccount();
      pending.add(new Command.CancelOrder(a, recent(a)));
    } else if (r < 700) {
      pending.add(amend());
    } else if (r < 720) {
      pending.add(new Command.CancelAll(anyAccount(), random.nextInt(markets + 1) - 1));
    } else if (r < 800) {
      int m = random.nextInt(markets);
      int jump = random.nextInt(20);
      int range = jump == 0 ? 4_000 : jump < 3 ? 1_000 : 200; // usually +-2%, at times 10% or 40%
      long move = marks[m] * (random.nextInt(2 * range + 1) - range) / 10_000;
      marks[m] = Math.clamp(marks[m] + move, 5_000, 20_000);
      queueOracle(m);
    } else if (r < 850) {
      now += 1 + random.nextInt(3);
      pending.add(new Command.TimeTick(now));
    } else if (r < 880) {
      pending.add(new Command.FundingTick(random.nextInt(markets)));
    } else if (r < 930) {
      pending.add(new Command.LiquidationSweep());
    } else if (r < 960) {
      int a = anyAccount();
      // one in twenty names another account's key (refused: KEY_MISMATCH)
      int keyOf = random.nextInt(20) == 0 ? a % accounts + 1 : a;
      pending.add(new Command.Deposit(a, 1 + random.nextLong(200_000), TestExchange.key(keyOf)));
    } else if (r < 990) {
      pending.add(withdrawal());
    } else {
      int m = random.nextInt(markets);
      if (allowSettle && r == 999) {
        pending.add(new Command.SetMarketStatus(m, MarketStatus.SETTLED));
      } else if (halted[m] || random.nextInt(5) == 0) {
        halted[m] = !halted[m];
        pending.add(
            new Command.SetMarketStatus(m, halted[m] ? MarketStatus.HALTED : MarketStatus.ACTIVE));
      } else {
        pending.add(new Command.LiquidationSweep());
      }
    }
  }

  /** A withdrawal for the account's nonce, one in ten for the one before (WRONG_NONCE). */
  private Command.Withdraw withdrawal() {
    int a = anyAccount();
    Account account = state.account(a);
    long nonce = account == null ? 0 : account.nonce();
    if (random.nextInt(10) == 0) {
      nonce--;
    }
    return new Command.Withdraw(a, 1 + random.nextLong(200_000), nonce);
  }

  /** An amend of a recent order into the next id of its fill slot (the ring keeps the new id). */
  private Command.AmendOrder amend() {
    int a = anyAccount();
    int m = random.nextInt(markets);
    long cid = recent(a);
    long next = cid + Account.FILL_SLOTS;
    recentClientIds[a][(int) (next % RING)] = next;
    return new Command.AmendOrder(a, cid, next, price(m, 20), LOT * (1 + random.nextInt(20)));
  }

  private void queueOracle(int m) {
    now++;
    pending.add(new Command.TimeTick(now));
    for (int s = 0; s < 3; s++) {
      long noise = marks[m] * (random.nextInt(21) - 10) / 10_000;
      pending.add(new Command.OraclePrice(m, s, marks[m] + noise, now));
    }
  }

  private Command place() {
    int a = anyAccount();
    int m = random.nextInt(markets);
    Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
    OrderType type = OrderType.values()[weighted()];
    long qty = LOT * (1 + random.nextInt(20));
    long price = type == OrderType.MARKET ? price(m, 40) : price(m, 20);
    int odd = random.nextInt(100);
    if (odd == 0) {
      qty = 0;
    } else if (odd == 1) {
      price += 1;
    } else if (odd == 2) {
      qty += 3;
    }
    long cid = random.nextInt(50) == 0 ? recent(a) : ++nextClientId[a];
    if (type.rests()) {
      // Cancels and amends pick from these: orders that may still be resting.
      recentClientIds[a][(int) (cid % RING)] = cid;
    }
    long expiry = random.nextInt(10) == 0 ? now + 1 + random.nextInt(20) : 0;
    boolean reduceOnly = random.nextInt(6) == 0;
    StpMode stp = StpMode.values()[random.nextInt(3)];
    return new Command.PlaceOrder(a, m, cid, side, type, price, qty, reduceOnly, expiry, stp);
  }

  /** GTC 50%, post-only 10%, IOC 20%, FOK 5%, market 15%. */
  private int weighted() {
    int r = random.nextInt(100);
    return r < 50 ? 0 : r < 60 ? 1 : r < 80 ? 2 : r < 85 ? 3 : 4;
  }
}
