package dev.sable.sequencer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArrayOrderBookTest extends OrderBookContract {
  @Override
  OrderBook newBook() {
    return new ArrayOrderBook();
  }

  /** An id as the engine hands them out: a sequence in the high bits, the market in the low 6. */
  private static long id(long sequence) {
    return sequence << 6 | 3;
  }

  /**
   * Recent ids are found through a ring of 16,384 entries, older ones through a map: orders that
   * outlive tens of thousands of newer ones, and orders that leave at once, are all found, by id
   * and by handle, until they leave.
   */
  @Test
  void ordersOldAndNewAreFoundByIdUntilTheyLeave() {
    ArrayOrderBook b = new ArrayOrderBook();
    Random random = new Random(3);
    List<Long> live = new ArrayList<>();
    for (long seq = 1; seq <= 100_000; seq++) {
      b.add(id(seq), 1, seq, seq % 2 == 0, 1_000 + seq % 50, 1 + seq % 7, 0, 0);
      live.add(id(seq));
      if (random.nextInt(10) < 8) {
        // Most orders leave soon; one in five stays for good.
        long gone = live.remove(live.size() - 1 - random.nextInt(Math.min(live.size(), 30)));
        b.remove(gone);
        assertThat(b.contains(gone)).isFalse();
      }
    }
    assertThat(b.size()).isEqualTo(live.size()).isGreaterThan(15_000);
    for (long orderId : live) {
      assertThat(b.contains(orderId)).isTrue();
      assertThat(b.clientOrderId(orderId)).isEqualTo(orderId >>> 6);
      assertThat(b.idAt(b.handle(orderId))).isEqualTo(orderId);
    }
    assertThat(b.contains(id(100_001))).isFalse();
    // The oldest order rests in the map, the newest in the ring: either id again is refused.
    for (long resting : List.of(live.get(0), live.get(live.size() - 1))) {
      assertThatThrownBy(() -> b.add(resting, 1, 0, true, 1_000, 1, 0, 0))
          .hasMessageContaining("duplicate");
    }
    assertThat(b.size()).isEqualTo(live.size());
  }

  /**
   * The ring doubles under a deep book of long-resting orders (ids with gaps, as other markets and
   * rejected orders take sequence numbers too, so ids still collide after each doubling and some
   * orders move to the map on either side of it): every resting order is found by id and by handle,
   * ids in the gaps and ids that left are not, a resting id is refused again, and all of them can
   * be taken out, in any order, leaving none behind.
   */
  @Test
  void theRingGrowsUnderLongRestingOrdersAndEveryOrderIsFoundUntilItLeaves() {
    ArrayOrderBook b = new ArrayOrderBook();
    Random random = new Random(5);
    List<Long> live = new ArrayList<>();
    List<Long> gone = new ArrayList<>();
    long seq = 0;
    for (int n = 0; n < 60_000; n++) {
      seq += 1 + random.nextInt(40);
      b.add(id(seq), 1, seq, seq % 2 == 0, 1_000 + seq % 500, 1 + seq % 7, 0, 0);
      live.add(id(seq));
      if (n % 3 == 0) {
        long leaving = live.remove(random.nextInt(live.size()));
        b.remove(leaving);
        gone.add(leaving);
      }
    }
    assertThat(b.size()).isEqualTo(live.size()).isEqualTo(40_000);
    for (long orderId : live) {
      assertThat(b.contains(orderId)).isTrue();
      assertThat(b.clientOrderId(orderId)).isEqualTo(orderId >>> 6);
      assertThat(b.idAt(b.handle(orderId))).isEqualTo(orderId);
    }
    for (long orderId : gone) {
      assertThat(b.contains(orderId)).isFalse();
    }
    for (long s = 1; s <= 2_000; s++) {
      assertThat(b.contains(id(s))).isEqualTo(live.contains(id(s)));
    }
    for (long resting :
        List.of(live.get(0), live.get(live.size() / 2), live.get(live.size() - 1))) {
      assertThatThrownBy(() -> b.add(resting, 1, 0, true, 1_000, 1, 0, 0))
          .hasMessageContaining("duplicate");
    }
    java.util.Collections.shuffle(live, random);
    for (int i = 0; i < live.size(); i++) {
      b.remove(live.get(i));
      assertThat(b.contains(live.get(i))).isFalse();
      if (i % 1_000 == 0) {
        long next = live.get((i + 1) % live.size());
        assertThat(b.idAt(b.handle(next))).isEqualTo(next);
      }
    }
    assertThat(b.size()).isZero();
  }

  /**
   * An order pushed out of its ring entry into the map by a newer id, then taken out, must leave
   * the ring entry to the newer order: a removal that cleared the entry (as if the old order were
   * still there) would lose the newer one. Both report only the caller's flags.
   */
  @Test
  void anOrderMovedToTheMapLeavesWithoutTakingItsRingEntrysNewOrder() {
    ArrayOrderBook b = new ArrayOrderBook();
    long older = id(7);
    long newer = id(7 + 16_384); // same ring entry: the older order moves to the map
    b.add(older, 1, 7, true, 1_000, 2, OrderBook.REDUCE_ONLY, 0);
    b.add(newer, 2, 8, false, 1_001, 3, OrderBook.POST_ONLY, 0);
    assertThat(b.flags(older)).isEqualTo(OrderBook.REDUCE_ONLY);
    assertThat(b.flags(newer)).isEqualTo(OrderBook.POST_ONLY);
    b.remove(older);
    assertThat(b.contains(older)).isFalse();
    assertThat(b.contains(newer)).isTrue();
    assertThat(b.account(newer)).isEqualTo(2);
    assertThat(b.best(false)).isEqualTo(newer);
    b.remove(newer);
    assertThat(b.contains(newer)).isFalse();
    assertThat(b.size()).isZero();
    // Back under the same ids (an amend that crosses re-adds its id): both are found again.
    b.add(older, 1, 7, true, 1_000, 2, 0, 0);
    b.add(newer, 2, 8, false, 1_001, 3, 0, 0);
    b.remove(newer);
    assertThat(b.contains(older)).isTrue();
    assertThat(b.flags(older)).isZero();
  }

  /**
   * A new id above every id added is taken without a lookup; the newest id itself, while it rests,
   * is still refused, and once it has left it may come back (an amend that crosses takes its order
   * out and puts it back under the same id).
   */
  @Test
  void theNewestIdIsRefusedWhileItRestsAndTakenBackAfterItLeft() {
    ArrayOrderBook b = new ArrayOrderBook();
    b.add(id(1), 1, 1, true, 1_000, 1, 0, 0);
    b.add(id(2), 1, 2, true, 1_001, 1, 0, 0);
    assertThat(b.contains(id(3))).isFalse();
    assertThatThrownBy(() -> b.add(id(2), 1, 2, true, 1_001, 1, 0, 0))
        .hasMessageContaining("duplicate");
    b.remove(id(2));
    assertThat(b.contains(id(2))).isFalse();
    b.add(id(2), 1, 2, false, 1_005, 3, 0, 0);
    assertThat(b.quantity(id(2))).isEqualTo(3);
    assertThat(b.best(false)).isEqualTo(id(2));
    assertThat(b.size()).isEqualTo(2);
  }

  /**
   * A side finds the levels of the prices in its window (widened up to 16,384 around its first one)
   * directly and other prices by search: orders placed, moved and cancelled on both sides of the
   * window's edges, far outside it and at the extremes of a long (so the window's bounds saturate),
   * with enough levels emptied that they are dropped and their records reused for other prices,
   * keep the reference book's priority order.
   */
  @Test
  void levelsInAndOutOfThePriceWindowAgreeWithTheReference() {
    long bidStart = 1_000_000;
    long askStart = Long.MAX_VALUE - 3;
    long[] bidPrices = pricesAround(bidStart, bidStart - 8_192, bidStart + 8_192, 1, 1_000_000_000);
    long[] askPrices =
        pricesAround(askStart, askStart - 8_192, askStart - 9_000, Long.MAX_VALUE, 2_000_000);
    OrderBook b = newBook();
    OrderBook ref = new ReferenceOrderBook();
    add(b, 1, true, bidStart, 1);
    add(ref, 1, true, bidStart, 1);
    add(b, 2, false, askStart, 1);
    add(ref, 2, false, askStart, 1);
    Random random = new Random(13);
    List<Long> live = new ArrayList<>(List.of(1L, 2L));
    for (long id = 3; id < 30_000; id++) {
      int op = random.nextInt(10);
      boolean buy = random.nextBoolean();
      long[] prices = buy ? bidPrices : askPrices;
      if (op < 4 || live.isEmpty()) {
        long price = prices[random.nextInt(prices.length)];
        add(b, id, buy, price, 1);
        add(ref, id, buy, price, 1);
        live.add(id);
      } else if (op < 8) {
        long victim = live.remove(random.nextInt(live.size()));
        b.remove(victim);
        ref.remove(victim);
      } else {
        long target = live.get(random.nextInt(live.size()));
        long[] own = b.isBuy(target) ? bidPrices : askPrices;
        long price = own[random.nextInt(own.length)];
        b.move(target, price, 2);
        ref.move(target, price, 2);
      }
      if (id % 101 == 0) {
        assertThat(side(b, true)).isEqualTo(side(ref, true));
        assertThat(side(b, false)).isEqualTo(side(ref, false));
      }
    }
    assertThat(b.size()).isEqualTo(ref.size()).isEqualTo(live.size());
  }

  /**
   * The best level is found again through the window's bitmap of non-empty levels and the sorted
   * array of levels outside it: both sides drained best first, as a sweep would, through levels a
   * few keys apart and whole empty 64-key words, across both window edges and interleaved with
   * outside levels above and below it, while freed prices are used again and orders move between
   * the window and the outside, keep the reference book's best and priority order at every step.
   */
  @Test
  void theBestIsFoundAgainThroughSparseWindowLevelsAndOutsideOnes() {
    long start = 1_000_000;
    OrderBook b = newBook();
    OrderBook ref = new ReferenceOrderBook();
    Random random = new Random(29);
    // The first order of each side sets its window [start - 8,192, start + 8,192).
    add(b, 1, true, start, 1);
    add(ref, 1, true, start, 1);
    add(b, 2, false, start + 1, 1);
    add(ref, 2, false, start + 1, 1);
    List<Long> used = new ArrayList<>();
    long id = 3;
    for (int round = 0; round < 6; round++) {
      for (int n = 0; n < 400; n++, id++) {
        boolean buy = random.nextBoolean();
        // Sparse: a step of 1-300 keys from a random point of [-12,000, 12,000) around the start.
        long price = start - 12_000 + 300L * random.nextInt(80) + random.nextInt(300);
        add(b, id, buy, price, 1);
        add(ref, id, buy, price, 1);
        used.add(id);
      }
      for (int n = 0; n < 100; n++) {
        long target = used.get(random.nextInt(used.size()));
        if (ref.contains(target)) {
          long price = start - 12_000 + random.nextInt(24_000);
          b.move(target, price, 2);
          ref.move(target, price, 2);
        }
      }
      for (boolean buy : new boolean[] {true, false}) {
        for (int taken = 0; taken < 150 && ref.best(buy) != OrderBook.NONE; taken++) {
          assertThat(b.bestPrice(buy)).isEqualTo(ref.bestPrice(buy));
          long best = ref.best(buy);
          assertThat(b.best(buy)).isEqualTo(best);
          b.remove(best);
          ref.remove(best);
        }
        assertThat(side(b, buy)).isEqualTo(side(ref, buy));
      }
    }
    for (boolean buy : new boolean[] {true, false}) {
      while (ref.best(buy) != OrderBook.NONE) {
        assertThat(b.best(buy)).isEqualTo(ref.best(buy));
        long best = ref.best(buy);
        b.remove(best);
        ref.remove(best);
      }
      assertThat(b.best(buy)).isEqualTo(OrderBook.NONE);
      assertThat(b.bestPrice(buy)).isEqualTo(OrderBook.NONE);
    }
    assertThat(b.size()).isZero();
  }

  /**
   * A side's window starts at 1,024 prices around its first one and widens to take in new prices,
   * up to 16,384: resting orders spread step by step further up and down (the window widening under
   * them, moving its levels and their non-empty bits), then beyond the widest window (those levels
   * go to the sorted array), with orders moved, cancelled and taken best first between the steps,
   * keep the reference book's order; so do sides whose first price sits at the ends of a long.
   */
  @Test
  void theWindowWidensUnderRestingLevelsAndKeepsThem() {
    for (long start : new long[] {1_000_000, 3, Long.MAX_VALUE - 2}) {
      OrderBook b = newBook();
      OrderBook ref = new ReferenceOrderBook();
      Random random = new Random(start);
      List<Long> live = new ArrayList<>();
      long id = 1;
      for (long reach : new long[] {0, 400, 700, 1_500, 3_000, 6_000, 9_000, 20_000, 40_000}) {
        for (int n = 0; n < 60; n++, id++) {
          boolean buy = random.nextBoolean();
          long offset = reach == 0 ? 0 : reach - random.nextInt(200);
          // Positive and within a long: past either end, a price piles up near that end.
          long price =
              random.nextBoolean()
                  ? (start > Long.MAX_VALUE - 1 - offset
                      ? Long.MAX_VALUE - 1 - random.nextInt(50)
                      : start + offset)
                  : (start - offset < 1 ? 1 + random.nextInt(50) : start - offset);
          add(b, id, buy, price, 1);
          add(ref, id, buy, price, 1);
          live.add(id);
        }
        for (int n = 0; n < 30; n++) {
          long target = live.get(random.nextInt(live.size()));
          if (random.nextBoolean()) {
            long old = b.price(target);
            long price =
                old > Long.MAX_VALUE - 20 ? old - 11 : Math.max(1, old + random.nextInt(21) - 10);
            b.move(target, price, 2);
            ref.move(target, price, 2);
          } else {
            b.remove(target);
            ref.remove(target);
            live.remove(target);
          }
        }
        for (boolean buy : new boolean[] {true, false}) {
          for (int taken = 0; taken < 5 && ref.best(buy) != OrderBook.NONE; taken++) {
            long best = ref.best(buy);
            assertThat(b.best(buy)).isEqualTo(best);
            b.remove(best);
            ref.remove(best);
            live.remove(best);
          }
          assertThat(side(b, buy)).isEqualTo(side(ref, buy));
        }
      }
      assertThat(b.size()).isEqualTo(ref.size()).isEqualTo(live.size());
    }
  }

  /** 150 prices from each of the given centres (one side of an edge, then the other). */
  private static long[] pricesAround(long... centres) {
    long[] prices = new long[centres.length * 150];
    int n = 0;
    for (long centre : centres) {
      for (int k = -75; k < 75; k++) {
        // Stays inside a long: the extreme centres step away from the bound.
        prices[n++] = centre > Long.MAX_VALUE - 100 ? centre - 75 - k : Math.max(1, centre + k);
      }
    }
    return prices;
  }
}
