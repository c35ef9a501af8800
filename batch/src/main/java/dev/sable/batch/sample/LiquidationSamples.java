package dev.sable.batch.sample;

import dev.sable.batch.AdlFill;
import dev.sable.batch.Capacities;
import dev.sable.batch.Deleveraging;
import dev.sable.batch.Deposit;
import dev.sable.batch.Liquidation;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SignedOrder;
import dev.sable.batch.SignedPrice;
import dev.sable.batch.Takeover;
import dev.sable.batch.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The liquidation batches of the proving benchmark, the Java twins of Go's batchgen.TakeoverBatch
 * and batchgen.AdlBatch (same accounts, amounts and capacities, so the two share key sets). Each
 * comes with its world after one-operation setup batches that list the market at 50,000 and open
 * the positions; the batch is at a time when the setup price is stale, so its mark is its own
 * price.
 */
public final class LiquidationSamples {
  private static final long MARKET = SampleBatches.MARKET;
  private static final long FIRST = 200;

  private LiquidationSamples() {}

  /**
   * n accounts, each long 1,000 bought at 50,000 with 6,000,000, fall to 45,000: 400 close into one
   * of two makers' bids at 43,000, the fund takes 600 over at the mark, the surplus 166,400 goes to
   * the fund (three steps each). Capacities: the fund, the n accounts and the two makers; one
   * market, oracle price, deposit, withdrawal and trade slot (unused), two order rows, 3n steps.
   */
  public static PreparedBatch takeovers(int n) {
    requirePositive(n, "liquidations");
    long shortSide = 100;
    long makerA = 101;
    long makerB = 102;
    Setup s = new Setup(Capacities.slots(1, 1, n + 3, 1, 2, 1, 1).steps(3 * n).build());
    for (long a : List.of(shortSide, makerA, makerB)) {
      s.deposit(a, 1_000_000_000);
    }
    for (int i = 0; i < n; i++) {
      s.deposit(FIRST + i, 6_000_000);
      s.buy(FIRST + i, 1, shortSide, i + 1, 1_000);
    }
    SampleWorld w = s.world;
    List<SignedOrder> bids =
        List.of(
            w.order(makerA, MARKET, 1, 0, 43_000, 400L * n),
            w.order(makerB, MARKET, 1, 0, 43_000, 400L * n));
    List<Liquidation> liquidations = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      liquidations.add(
          new Liquidation(
              FIRST + i,
              List.of(SampleWorld.close(bids.get(i % 2), 400, 43_000)),
              List.of(new Takeover(MARKET, 600, 45_000)),
              Optional.empty(),
              166_400,
              0,
              0));
    }
    return new PreparedBatch(w, s.sweep(45_000, liquidations), n);
  }

  /**
   * One account long 100 against each of f shorts (bought at 50,000 with 600,000 per 100) falls to
   * 40,000: its equity is -402,500 f, the (empty) fund pays nothing, and the deficit moves the
   * price to 44,025; the f shorts (equal scores: by index) take 100 each. Steps: the start, the
   * cover and f ADL fills. Capacities: the fund, the account and the f shorts; one market, oracle
   * price, deposit, withdrawal and trade slot (unused), two order rows.
   */
  public static PreparedBatch adl(int f) {
    requirePositive(f, "ADL fills");
    long longSide = 100;
    Setup s = new Setup(Capacities.slots(1, 1, f + 2, 1, 2, 1, 1).steps(f + 2).build());
    s.deposit(longSide, 600_000L * f);
    List<AdlFill> fills = new ArrayList<>();
    for (int i = 0; i < f; i++) {
      s.deposit(FIRST + i, 1_000_000_000);
      s.buy(longSide, i + 1, FIRST + i, 1, 100);
      fills.add(new AdlFill(FIRST + i, MARKET, 100, 44_025));
    }
    Liquidation l =
        new Liquidation(
            longSide, List.of(), List.of(), Optional.of(new Deleveraging(0, fills)), 0, 0, 0);
    return new PreparedBatch(s.world, s.sweep(40_000, List.of(l)), f);
  }

  private static void requirePositive(int n, String what) {
    if (n < 1) {
      throw new IllegalArgumentException("the sample needs at least one of its " + what);
    }
  }

  /** Applies one-operation batches to a world with the market at 50,000 (Go batchgen's setup). */
  private static final class Setup {
    final SampleWorld world;
    long now = 1;

    Setup(Capacities caps) {
      world = new SampleWorld(caps, MARKET);
      apply(List.of(world.price(MARKET, 0, 50_000, 1)), List.of(), List.of());
    }

    void deposit(long account, long amount) {
      now++;
      apply(List.of(), List.of(world.deposit(account, amount)), List.of());
    }

    /** The buyer's order id buys q from the seller's order id at 50,000. */
    void buy(long buyer, long buyerId, long seller, long sellerId, long q) {
      now++;
      Trade t =
          SampleWorld.trade(
              world.order(seller, MARKET, sellerId, 1, 50_000, q),
              world.order(buyer, MARKET, buyerId, 0, 50_000, q),
              q,
              50_000);
      apply(List.of(), List.of(), List.of(t));
    }

    private void apply(List<SignedPrice> prices, List<Deposit> deposits, List<Trade> trades) {
      world.apply(new SettlementBatch(now, List.of(), prices, deposits, trades, List.of()));
    }

    /** The sweep batch, at a time when the setup price is stale (oracle staleness 60). */
    SettlementBatch sweep(long price, List<Liquidation> liquidations) {
      long later = now + 100;
      return new SettlementBatch(
          later,
          List.of(),
          List.of(world.price(MARKET, 1, price, later)),
          List.of(),
          List.of(),
          List.of(),
          liquidations,
          List.of());
    }
  }
}
