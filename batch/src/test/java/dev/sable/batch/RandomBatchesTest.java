package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.sample.SampleWorld;
import dev.sable.prover.GnarkCircuit;
import dev.sable.prover.WitnessCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The builder's promise, as a property over seeded random histories: every batch it accepts is
 * provable (the compiled circuit is satisfied), whatever mix of prices, ticks, deposits, trades and
 * withdrawals it was given; what breaks a rule is refused and leaves the state as it was.
 */
class RandomBatchesTest {
  static final long[] MARKETS = {3, 7};
  static final long[] ACCOUNTS = {5, 6, 8, 11};

  @Test
  void everyBatchTheBuilderAcceptsSatisfiesTheCircuit() {
    int accepted = 0;
    int refused = 0;
    try (GnarkCircuit circuit = GnarkCircuit.compile(SettlementCircuit.layout(Capacities.SMALL))) {
      for (long seed = 1; seed <= 3; seed++) {
        History h = new History(new Random(seed));
        for (int i = 0; i < 25; i++) {
          SettlementBatch candidate = h.next();
          BuiltBatch built;
          try {
            built = h.world.build(candidate);
          } catch (SettlementRuleException | CapacityException e) {
            refused++;
            continue;
          }
          assertThat(circuit.check(built.gnarkWitness()))
              .as("seed %d, batch %d: %s", seed, built.number(), candidate)
              .isEqualTo(new WitnessCheck(""));
          h.world.state().commit(built.change());
          accepted++;
        }
      }
    }
    assertThat(accepted).as("accepted batches").isGreaterThanOrEqualTo(40);
    assertThat(refused)
        .as("refused batches (the generator also proposes rule breakers)")
        .isPositive();
  }

  /** Candidate batches: mostly honest, sometimes over-ambitious (margin, stale marks, limits). */
  private static final class History {
    final Random rnd;
    final SampleWorld world = new SampleWorld(Capacities.SMALL, MARKETS);
    final Map<Long, Long> nextOrderId = new HashMap<>();
    final Map<String, Long> lastPublish = new HashMap<>();
    long time = 100;

    /** Every account funded, every source priced, before the random batches. */
    History(Random rnd) {
      this.rnd = rnd;
      List<SignedPrice> prices = new ArrayList<>();
      for (long m : MARKETS) {
        for (int s = 0; s < SampleWorld.SOURCES; s++) {
          lastPublish.put(m + "/" + s, time);
          prices.add(world.price(m, s, 50_000, time));
        }
      }
      List<Deposit> first = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        first.add(world.deposit(ACCOUNTS[i], 100_000_000));
      }
      world.apply(
          new SettlementBatch(time, List.of(), prices.subList(0, 3), first, List.of(), List.of()));
      world.apply(
          new SettlementBatch(
              time,
              List.of(),
              prices.subList(3, 6),
              List.of(world.deposit(ACCOUNTS[3], 100_000_000)),
              List.of(),
              List.of()));
    }

    SettlementBatch next() {
      time += 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 4_000 : 40);
      List<FundingTick> ticks = new ArrayList<>();
      if (rnd.nextInt(6) == 0) {
        ticks.add(new FundingTick(pick(MARKETS), rnd.nextInt(4_001) - 2_000));
      }
      List<SignedPrice> prices = new ArrayList<>();
      for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
        long m = pick(MARKETS);
        int source = rnd.nextInt(SampleWorld.SOURCES);
        String key = m + "/" + source;
        long published = Math.max(lastPublish.getOrDefault(key, -1L) + 1, time - rnd.nextInt(30));
        if (published <= time) {
          lastPublish.put(key, published);
          prices.add(world.price(m, source, 45_000 + 10L * rnd.nextInt(1_000), published));
        }
      }
      List<Deposit> deposits = new ArrayList<>();
      for (int i = rnd.nextInt(3); i > 0; i--) {
        deposits.add(world.deposit(pick(ACCOUNTS), 1_000_000L * (1 + rnd.nextInt(100))));
      }
      List<Trade> trades = new ArrayList<>();
      for (int i = rnd.nextInt(3); i > 0; i--) { // at most 2: 4 order rows
        trades.add(trade());
      }
      List<Withdrawal> withdrawals = new ArrayList<>();
      if (rnd.nextInt(4) == 0) {
        long a = pick(ACCOUNTS);
        long nonce = world.state().account(a).map(x -> x.nonce()).orElse(0L);
        withdrawals.add(world.withdrawWithNonce(a, 1 + rnd.nextInt(5_000_000), nonce));
      }
      return new SettlementBatch(time, ticks, prices, deposits, trades, withdrawals);
    }

    private Trade trade() {
      long maker = pick(ACCOUNTS);
      long taker = pick(ACCOUNTS);
      while (taker == maker) {
        taker = pick(ACCOUNTS);
      }
      long m = pick(MARKETS);
      long side = rnd.nextInt(2);
      long price = 45_000 + 10L * rnd.nextInt(1_000);
      long q = 100L * (1 + rnd.nextInt(rnd.nextInt(8) == 0 ? 5_000 : 50));
      SignedOrder makerOrder = world.order(maker, m, id(maker), side, price, q);
      long takerLimit = side == 0 ? price - 10L * rnd.nextInt(3) : price + 10L * rnd.nextInt(3);
      SignedOrder takerOrder = world.order(taker, m, id(taker), 1 - side, takerLimit, q);
      return SampleWorld.trade(makerOrder, takerOrder, q, price);
    }

    private long id(long account) {
      return nextOrderId.merge(account, 1L, Long::sum);
    }

    private long pick(long[] values) {
      return values[rnd.nextInt(values.length)];
    }
  }
}
