package dev.sable.batch.sequencer;

import dev.sable.crypto.OrderMessage;
import dev.sable.sequencer.core.Account;
import dev.sable.state.settlement.KeyPoint;
import java.util.SplittableRandom;

/**
 * Seeded random commands for a {@link SequencedWorld}, in mixes: crossing orders; amends and
 * cancels; deposits (some refunded: another key, an invalid key, a bad account id) and withdrawals
 * (some refused); volatile marks (jumps that put accounts below the margin rule, time jumps that
 * make marks stale and orders expire); funding ticks. No liquidation sweeps: they are not provable
 * yet. Prices stay on the tick and sizes on the lot; orders use fresh client ids per account.
 */
final class RandomStream {
  enum Mix {
    CROSSING,
    AMENDS,
    TRANSFERS,
    VOLATILE,
    FUNDING
  }

  static final long[] TRADERS = {5, 6, 8, 11};
  private static final long TICK = 10;
  private static final long LOT = 100;

  private final SequencedWorld w;
  private final SplittableRandom random;
  private final int markets;
  private final long[] marks;
  private final long[] nextClientId = new long[64];

  RandomStream(SequencedWorld w, long seed, int markets) {
    this.w = w;
    this.random = new SplittableRandom(seed);
    this.markets = markets;
    this.marks = new long[markets];
  }

  /** Funds every trader and prices every market, at time 100. */
  void open() {
    w.time(100);
    for (long a : TRADERS) {
      w.deposit(a, 20_000_000 + random.nextLong(100_000_000));
    }
    for (int m = 0; m < markets; m++) {
      marks[m] = 50_000;
      w.prices(m, marks[m]);
    }
  }

  /** One command of the mix. */
  void next(Mix mix) {
    int r = random.nextInt(100);
    switch (mix) {
      case CROSSING -> {
        if (r < 55) {
          order(0);
        } else if (r < 70) {
          order(2 + random.nextInt(3)); // IOC, FOK, market
        } else if (r < 78) {
          price(20);
        } else if (r < 86) {
          time(1 + random.nextInt(5));
        } else if (r < 92) {
          cancel();
        } else if (r < 96) {
          deposit();
        } else {
          withdraw();
        }
      }
      case AMENDS -> {
        if (r < 35) {
          order(random.nextInt(10) == 0 ? 1 : 0);
        } else if (r < 75) {
          amend();
        } else if (r < 85) {
          cancel();
        } else if (r < 93) {
          price(20);
        } else {
          time(1 + random.nextInt(5));
        }
      }
      case TRANSFERS -> {
        if (r < 35) {
          deposit();
        } else if (r < 65) {
          withdraw();
        } else if (r < 85) {
          order(0);
        } else if (r < 93) {
          price(20);
        } else {
          time(1 + random.nextInt(5));
        }
      }
      case VOLATILE -> {
        if (r < 30) {
          order(random.nextInt(3) == 0 ? 2 : 0);
        } else if (r < 60) {
          price(random.nextInt(4) == 0 ? 2_000 : 300);
        } else if (r < 80) {
          time(random.nextInt(5) == 0 ? 40 + random.nextInt(60) : 1 + random.nextInt(10));
        } else if (r < 90) {
          amend();
        } else {
          withdraw();
        }
      }
      case FUNDING -> {
        if (r < 20) {
          w.funding(random.nextInt(markets));
        } else if (r < 35) {
          time(600 + random.nextInt(1_200));
        } else if (r < 70) {
          order(random.nextInt(4) == 0 ? 2 : 0);
        } else if (r < 90) {
          price(50);
        } else {
          withdraw();
        }
      }
    }
  }

  private long trader() {
    return TRADERS[random.nextInt(TRADERS.length)];
  }

  /** An order of the given type near the mark, now and then reduce-only or expiring soon. */
  private void order(int type) {
    long a = trader();
    int m = random.nextInt(markets);
    long price = Math.max(TICK, (marks[m] / TICK + random.nextInt(41) - 20) * TICK);
    long qty = LOT * (1 + random.nextInt(random.nextInt(8) == 0 ? 400 : 40));
    long reduceOnly = random.nextInt(10) == 0 ? 1 : 0;
    long expiry = random.nextInt(8) == 0 ? w.now() + 1 + random.nextInt(60) : 0;
    w.place(
        new OrderMessage(
            a,
            m,
            ++nextClientId[(int) a],
            random.nextInt(2),
            type,
            price,
            qty,
            reduceOnly,
            expiry,
            random.nextInt(3)));
  }

  /** An amend of one of the account's resting orders to a new price and quantity. */
  private void amend() {
    long a = trader();
    long[] resting = w.state().account((int) a).clientOrderIds();
    if (resting.length == 0) {
      order(0);
      return;
    }
    long id = resting[random.nextInt(resting.length)];
    long market = w.state().market(marketOf(a, id)).id();
    long price = Math.max(TICK, (marks[(int) market] / TICK + random.nextInt(41) - 20) * TICK);
    w.amend(a, id, price, LOT * (1 + random.nextInt(40)));
  }

  private int marketOf(long account, long clientOrderId) {
    long orderId = w.state().account((int) account).orderId(clientOrderId);
    return dev.sable.sequencer.core.ExchangeState.marketOf(orderId);
  }

  private void cancel() {
    long a = trader();
    long[] resting = w.state().account((int) a).clientOrderIds();
    if (resting.length > 0) {
      w.apply(
          new dev.sable.sequencer.command.Command.CancelOrder(
              (int) a, resting[random.nextInt(resting.length)]),
          Evidence.NONE);
    }
  }

  /** A random walk of one market's sources: moves of up to {@code permille} / 1000. */
  private void price(int permille) {
    int m = random.nextInt(markets);
    long move = marks[m] * (random.nextInt(2 * permille + 1) - permille) / 1_000;
    marks[m] = Math.clamp(marks[m] + move, 5_000, 500_000);
    time(1);
    for (int s = 0; s < SequencedWorld.SOURCES; s++) {
      if (random.nextInt(4) != 0) {
        long noise = marks[m] * (random.nextInt(21) - 10) / 10_000;
        w.price(m, s, Math.max(1, marks[m] + noise));
      }
    }
  }

  private void time(long step) {
    w.time(w.now() + step);
  }

  /**
   * A deposit: mostly a trader's under its key; now and then under another key, a new account with
   * an invalid key (both refunded), or a new trader.
   */
  private void deposit() {
    long amount = 1_000_000L * (1 + random.nextInt(50));
    int r = random.nextInt(10);
    if (r == 0) {
      w.deposit(trader(), amount, KeyPoint.of(w.world.trader(99).publicKey()));
    } else if (r == 1) {
      w.deposit(
          30 + random.nextInt(10),
          amount,
          new KeyPoint(dev.sable.crypto.Fr.ofLong(1), dev.sable.crypto.Fr.ofLong(2)));
    } else {
      w.deposit(trader(), amount);
    }
  }

  /** A withdrawal: mostly modest, now and then more than the account has. */
  private void withdraw() {
    long a = trader();
    Account account = w.state().account((int) a);
    long collateral = account == null ? 0 : Math.max(1, account.collateral());
    long amount = random.nextInt(5) == 0 ? collateral + 1 : 1 + random.nextLong(collateral / 4 + 1);
    w.withdraw(a, amount);
  }
}
