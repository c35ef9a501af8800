package dev.sable.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.engine.Sequencer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The whole-state invariants, checked after a command. */
final class Invariants {
  private Invariants() {}

  static void check(Sequencer seq) {
    ExchangeState s = seq.state();
    // Conservation: collateral minus open cost (what realized PnL will still move) plus pools
    // equals net deposits. Realized PnL and funding are transfers, so they cancel out.
    long value = Math.addExact(s.feePool(), s.fundingPool());
    long[] sizes = new long[s.markets().size()];
    Map<Long, Long> open = new HashMap<>();
    Map<Long, Long> reduceOnly = new HashMap<>();
    for (int id = 0; id < s.accountBound(); id++) {
      Account a = s.account(id);
      if (a == null) {
        continue;
      }
      value = Math.addExact(value, a.collateral());
      for (int m = 0; m < s.marketCount(); m++) {
        value = Math.subtractExact(value, a.cost(m));
        sizes[m] += a.size(m);
        open.put(key(id, m, true), a.openBuy(m));
        open.put(key(id, m, false), a.openSell(m));
        reduceOnly.put(key(id, m, true), a.reduceOnlyOpen(m));
        assertThat(a.reduceOnlyOpen(m))
            .as("reduce-only fits the position")
            .isBetween(0L, Math.abs(a.size(m)));
        if (a.size(m) == 0) {
          assertThat(a.cost(m)).as("cost of a flat position").isZero();
        }
      }
    }
    assertThat(value).as("conservation").isEqualTo(s.netDeposits());
    assertThat(Arrays.stream(sizes).boxed().toList())
        .as("sum of positions per market")
        .allMatch(v -> v == 0);

    int ordersInBooks = 0;
    Map<Integer, Integer> resting = new HashMap<>();
    for (Market m : s.markets()) {
      OrderBook b = m.book();
      long bid = b.best(true);
      long ask = b.best(false);
      if (bid != OrderBook.NONE && ask != OrderBook.NONE) {
        assertThat(b.price(bid)).as("book not crossed").isLessThan(b.price(ask));
      }
      for (boolean buy : new boolean[] {true, false}) {
        for (long id = b.best(buy); id != OrderBook.NONE; id = b.next(id)) {
          ordersInBooks++;
          open.merge(key(b.account(id), m.id(), buy), -b.quantity(id), Long::sum);
          if ((b.flags(id) & OrderBook.REDUCE_ONLY) != 0) {
            reduceOnly.merge(key(b.account(id), m.id(), true), -b.quantity(id), Long::sum);
            long size = s.account(b.account(id)).size(m.id());
            assertThat(buy ? size < 0 : size > 0).as("reduce-only on the reducing side").isTrue();
          }
          Account owner = s.account(b.account(id));
          assertThat(owner.orderId(b.clientOrderId(id))).isEqualTo(id);
          int slot = Account.fillSlot(b.clientOrderId(id));
          assertThat(owner.slotBusy(slot)).as("a resting order's fill slot is busy").isTrue();
          assertThat(b.clientOrderId(id))
              .as("a resting order is the newest its fill slot filled or newer")
              .isGreaterThanOrEqualTo(owner.lastFilled(slot));
          resting.merge(b.account(id), 1, Integer::sum);
        }
      }
    }
    assertThat(open.values()).as("open-order totals match the books").allMatch(v -> v == 0);
    assertThat(reduceOnly.values()).as("reduce-only totals match the books").allMatch(v -> v == 0);
    int indexed = 0;
    for (int id = 0; id < s.accountBound(); id++) {
      Account a = s.account(id);
      if (a == null) {
        continue;
      }
      indexed += a.openOrderCount();
      // every busy slot names a resting order of the account (no stale entry)
      long[] clientIds = a.clientOrderIds();
      assertThat(clientIds).hasSize(resting.getOrDefault(id, 0));
      for (long c : clientIds) {
        assertThat(a.orderId(c)).as("account %d, client id %d", id, c).isNotEqualTo(-1L);
      }
      if (id != Account.INSURANCE_FUND) {
        assertThat(Long.bitCount(a.activeMarkets()))
            .as("markets of account %d", id)
            .isLessThanOrEqualTo(Account.MAX_ACTIVE_MARKETS);
      }
    }
    assertThat(indexed).isEqualTo(ordersInBooks);
  }

  private static long key(int account, int market, boolean buy) {
    return ((long) account << 8) | (market << 1) | (buy ? 1 : 0);
  }
}
