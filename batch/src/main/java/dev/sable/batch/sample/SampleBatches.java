package dev.sable.batch.sample;

import dev.sable.batch.Capacities;
import dev.sable.batch.Deposit;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SignedOrder;
import dev.sable.batch.Trade;
import dev.sable.batch.Withdrawal;
import java.util.ArrayList;
import java.util.List;

/**
 * Full batches of one kind of operation, every slot of their capacities used, for the proving
 * benchmark (the Java twin of Go's batchgen.FullBatch; the realistic mix has the same capacities,
 * so the two share key sets).
 */
public final class SampleBatches {
  /** The market of the sample batches. */
  public static final long MARKET = 3;

  /** Market makers of the realistic mix, each resting a bid and an ask. */
  public static final int MAKERS = 4;

  private static final long FIRST_ACCOUNT = 100;
  private static final long FUNDS = 1_000_000_000;

  private SampleBatches() {}

  /**
   * The realistic mix's capacities: one market, oracle price, deposit and withdrawal; the makers'
   * accounts and orders plus one taker account and order per two trades.
   */
  public static Capacities realisticCapacities(int trades) {
    if (trades < 2 || trades % 2 != 0) {
      throw new IllegalArgumentException("the realistic mix needs an even number of trades >= 2");
    }
    return Capacities.slots(1, 1, MAKERS + trades / 2, 1, 2 * MAKERS + trades / 2, trades, 1)
        .build();
  }

  /**
   * Four market makers rest a bid and an ask each; every taker order fills two of those resting
   * orders, at the maker's price; besides, an oracle price, a deposit and a withdrawal.
   */
  public static PreparedBatch realistic(int trades) {
    Capacities caps = realisticCapacities(trades);
    SampleWorld w = funded(caps, caps.accounts());
    long now = caps.accounts() + 10;
    List<SignedOrder> resting = new ArrayList<>();
    for (int m = 0; m < MAKERS; m++) {
      long maker = FIRST_ACCOUNT + m;
      resting.add(w.order(maker, MARKET, 1, 0, 50_000 - 10L * m, 100_000));
      resting.add(w.order(maker, MARKET, 2, 1, 50_100 + 10L * m, 100_000));
    }
    List<Trade> fills = new ArrayList<>();
    for (int k = 0; k < trades / 2; k++) {
      int side = k % 2; // the taker buys from asks or sells into bids
      SignedOrder taker =
          w.order(FIRST_ACCOUNT + MAKERS + k, MARKET, 1, side, side == 0 ? 50_200 : 49_900, 2_000);
      for (int f = 0; f < 2; f++) {
        SignedOrder maker = resting.get(2 * ((k + f) % MAKERS) + (1 - side));
        fills.add(SampleWorld.trade(maker, taker, 1_000, maker.order().price()));
      }
    }
    SettlementBatch b =
        new SettlementBatch(
            now,
            List.of(),
            List.of(w.price(MARKET, 1, 50_010, now)),
            List.of(w.deposit(FIRST_ACCOUNT, 5_000)),
            fills,
            List.of(w.withdraw(FIRST_ACCOUNT + 1, 5_000)));
    return new PreparedBatch(w, b, trades);
  }

  /** n deposits, each creating its account (a new trader's first deposit). */
  public static PreparedBatch deposits(int n) {
    SampleWorld w = new SampleWorld(Capacities.slots(1, 1, n, n, 1, 1, 1).build(), MARKET);
    List<Deposit> deposits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      deposits.add(w.deposit(FIRST_ACCOUNT + i, FUNDS));
    }
    SettlementBatch b =
        new SettlementBatch(1, List.of(), List.of(), deposits, List.of(), List.of());
    return new PreparedBatch(w, b, n);
  }

  /** n withdrawals, one by each of n funded accounts. */
  public static PreparedBatch withdrawals(int n) {
    SampleWorld w = funded(Capacities.slots(1, 1, n, 1, 1, 1, n).build(), n);
    List<Withdrawal> withdrawals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      withdrawals.add(w.withdraw(FIRST_ACCOUNT + i, 5_000));
    }
    SettlementBatch b =
        new SettlementBatch(n + 10L, List.of(), List.of(), List.of(), List.of(), withdrawals);
    return new PreparedBatch(w, b, n);
  }

  /**
   * A world where accounts FIRST_ACCOUNT.. have funds (one deposit per batch) and MARKET a mark.
   */
  private static SampleWorld funded(Capacities caps, int accounts) {
    SampleWorld w = new SampleWorld(caps, MARKET);
    for (int i = 0; i < accounts; i++) {
      w.apply(
          new SettlementBatch(
              i,
              List.of(),
              i == 0 ? List.of(w.price(MARKET, 0, 50_000, 0)) : List.of(),
              List.of(w.deposit(FIRST_ACCOUNT + i, FUNDS)),
              List.of(),
              List.of()));
    }
    return w;
  }
}
