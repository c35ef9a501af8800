package dev.sable.sequencer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The behaviour every order book must have; one subclass per implementation. */
abstract class OrderBookContract {

  abstract OrderBook newBook();

  static void add(OrderBook b, long id, boolean buy, long price, long qty) {
    b.add(id, (int) id * 10, id + 1000, buy, price, qty, 0, 0);
  }

  static List<Long> side(OrderBook b, boolean buy) {
    List<Long> ids = new ArrayList<>();
    for (long id = b.best(buy); id != OrderBook.NONE; id = b.next(id)) {
      ids.add(id);
    }
    return ids;
  }

  @Test
  void bidsBestPriceFirstThenArrivalOrder() {
    OrderBook b = newBook();
    add(b, 1, true, 100, 5);
    add(b, 2, true, 101, 5);
    add(b, 3, true, 100, 5);
    add(b, 4, true, 99, 5);
    assertThat(side(b, true)).containsExactly(2L, 1L, 3L, 4L);
    assertThat(side(b, false)).isEmpty();
  }

  @Test
  void asksLowestPriceFirst() {
    OrderBook b = newBook();
    add(b, 1, false, 100, 5);
    add(b, 2, false, 99, 5);
    add(b, 3, false, 99, 5);
    assertThat(side(b, false)).containsExactly(2L, 3L, 1L);
    assertThat(b.price(b.best(false))).isEqualTo(99);
  }

  @Test
  void removeFromMiddleKeepsOrderAndDropsEmptyLevels() {
    OrderBook b = newBook();
    add(b, 1, false, 100, 5);
    add(b, 2, false, 100, 5);
    add(b, 3, false, 100, 5);
    add(b, 4, false, 101, 5);
    b.remove(2);
    assertThat(side(b, false)).containsExactly(1L, 3L, 4L);
    b.remove(1);
    b.remove(3);
    assertThat(side(b, false)).containsExactly(4L);
    assertThat(b.contains(2)).isFalse();
    assertThat(b.size()).isEqualTo(1);
  }

  @Test
  void fieldsAreStoredAndQuantityChangesInPlace() {
    OrderBook b = newBook();
    b.add(7, 3, 42, true, 100, 9, OrderBook.POST_ONLY | OrderBook.REDUCE_ONLY, 55);
    add(b, 8, true, 100, 1);
    assertThat(b.account(7)).isEqualTo(3);
    assertThat(b.clientOrderId(7)).isEqualTo(42);
    assertThat(b.isBuy(7)).isTrue();
    assertThat(b.flags(7)).isEqualTo(OrderBook.POST_ONLY | OrderBook.REDUCE_ONLY);
    assertThat(b.flags(8)).isZero();
    assertThat(b.expiry(7)).isEqualTo(55);
    b.setQuantity(7, 4);
    assertThat(b.quantity(7)).isEqualTo(4);
    assertThat(side(b, true)).containsExactly(7L, 8L);
    b.setClientOrderId(7, 42 + 1024);
    assertThat(b.clientOrderId(7)).isEqualTo(42 + 1024);
    assertThat(b.quantity(7)).isEqualTo(4);
    assertThat(side(b, true)).containsExactly(7L, 8L);
  }

  @Test
  void moveGoesToTheBackOfItsNewLevelKeepingItsTerms() {
    OrderBook b = newBook();
    b.add(7, 3, 42, true, 100, 9, OrderBook.REDUCE_ONLY, 55);
    add(b, 8, true, 101, 1);
    add(b, 9, true, 101, 1);
    b.move(7, 101, 4);
    assertThat(side(b, true)).containsExactly(8L, 9L, 7L);
    assertThat(b.price(7)).isEqualTo(101);
    assertThat(b.quantity(7)).isEqualTo(4);
    assertThat(b.account(7)).isEqualTo(3);
    assertThat(b.clientOrderId(7)).isEqualTo(42);
    assertThat(b.flags(7)).isEqualTo(OrderBook.REDUCE_ONLY);
    assertThat(b.expiry(7)).isEqualTo(55);
    b.move(8, 99, 1);
    assertThat(side(b, true)).containsExactly(9L, 7L, 8L);
    b.move(8, 99, 2);
    assertThat(side(b, true)).containsExactly(9L, 7L, 8L);
    assertThat(b.size()).isEqualTo(3);
  }

  @Test
  void bestPriceOfEachSide() {
    OrderBook b = newBook();
    assertThat(b.bestPrice(true)).isEqualTo(OrderBook.NONE);
    assertThat(b.bestPrice(false)).isEqualTo(OrderBook.NONE);
    add(b, 1, true, 100, 5);
    add(b, 2, true, 102, 5);
    add(b, 3, false, 105, 5);
    add(b, 4, false, 104, 5);
    assertThat(b.bestPrice(true)).isEqualTo(102);
    assertThat(b.bestPrice(false)).isEqualTo(104);
    b.remove(4);
    assertThat(b.bestPrice(false)).isEqualTo(105);
  }

  @Test
  void duplicateAndUnknownIdsAreErrors() {
    OrderBook b = newBook();
    add(b, 1, true, 100, 5);
    assertThatThrownBy(() -> add(b, 1, true, 100, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.remove(99)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.move(99, 100, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(b.size()).isEqualTo(1);
    assertThat(side(b, true)).containsExactly(1L);
  }

  @Test
  void noneIsNeverContained() {
    OrderBook b = newBook();
    assertThat(b.contains(OrderBook.NONE)).isFalse();
    add(b, 1, true, 100, 5);
    add(b, 2, false, 101, 5);
    assertThat(b.contains(OrderBook.NONE)).isFalse();
    assertThat(b.best(true)).isEqualTo(1);
    b.remove(1);
    assertThat(b.contains(OrderBook.NONE)).isFalse();
    assertThat(b.contains(1)).isFalse();
    assertThatThrownBy(() -> b.price(OrderBook.NONE)).isInstanceOf(IllegalArgumentException.class);
    b.remove(2);
    assertThat(b.contains(OrderBook.NONE)).isFalse();
    assertThat(b.best(false)).isEqualTo(OrderBook.NONE);
  }

  /** Random operations against the reference book: same priority order on both sides. */
  @Test
  void agreesWithTheReferenceUnderRandomOperations() {
    OrderBook b = newBook();
    OrderBook ref = new ReferenceOrderBook();
    Random random = new Random(7);
    List<Long> live = new ArrayList<>();
    for (long id = 1; id < 20_000; id++) {
      int op = random.nextInt(10);
      if (op < 5 || live.isEmpty()) {
        boolean buy = random.nextBoolean();
        long price = buy ? 900 + random.nextInt(100) : 1001 + random.nextInt(100);
        long qty = 1 + random.nextInt(9);
        add(b, id, buy, price, qty);
        add(ref, id, buy, price, qty);
        live.add(id);
      } else if (op < 9) {
        long victim = live.remove(random.nextInt(live.size()));
        b.remove(victim);
        ref.remove(victim);
      } else if (random.nextBoolean()) {
        long target = live.get(random.nextInt(live.size()));
        b.setQuantity(target, 1 + random.nextInt(5));
        ref.setQuantity(target, b.quantity(target));
      } else {
        long target = live.get(random.nextInt(live.size()));
        long price = b.price(target) + random.nextInt(7) - 3;
        b.move(target, price, 1 + random.nextInt(9));
        ref.move(target, price, b.quantity(target));
      }
      if (id % 97 == 0) {
        assertThat(side(b, true)).isEqualTo(side(ref, true));
        assertThat(side(b, false)).isEqualTo(side(ref, false));
      }
    }
    assertThat(b.size()).isEqualTo(ref.size()).isEqualTo(live.size());
  }

  /**
   * Prices that drift over thousands of levels, orders moved near and far and cancelled anywhere:
   * levels are created, emptied and reused many times over, a level's queue fills with holes, and
   * the book still agrees with the reference at every check.
   */
  @Test
  void agreesWithTheReferenceWhilePricesDrift() {
    OrderBook b = newBook();
    OrderBook ref = new ReferenceOrderBook();
    Random random = new Random(11);
    List<Long> live = new ArrayList<>();
    long center = 100_000;
    for (long id = 1; id < 60_000; id++) {
      center += random.nextInt(3) - 1;
      int op = random.nextInt(20);
      if (op < 8 || live.size() < 50) {
        boolean buy = random.nextBoolean();
        long price = center + (buy ? -1 : 1) * (1 + random.nextInt(op < 2 ? 5_000 : 40));
        long qty = 1 + random.nextInt(9);
        add(b, id, buy, price, qty);
        add(ref, id, buy, price, qty);
        live.add(id);
      } else if (op < 15) {
        // Mostly recent orders, so levels near the middle empty and refill.
        int i =
            random.nextInt(4) == 0
                ? random.nextInt(live.size())
                : live.size() - 1 - random.nextInt(Math.min(live.size(), 20));
        long victim = live.remove(i);
        b.remove(victim);
        ref.remove(victim);
      } else {
        long target = live.get(random.nextInt(live.size()));
        long price =
            Math.max(
                1,
                b.price(target)
                    + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(op < 18 ? 10 : 3_000)));
        long qty = 1 + random.nextInt(9);
        b.move(target, price, qty);
        ref.move(target, price, qty);
      }
      if (id % 101 == 0) {
        assertThat(side(b, true)).isEqualTo(side(ref, true));
        assertThat(side(b, false)).isEqualTo(side(ref, false));
        assertThat(b.bestPrice(true)).isEqualTo(ref.bestPrice(true));
        assertThat(b.bestPrice(false)).isEqualTo(ref.bestPrice(false));
      }
    }
    for (long id : live) {
      assertThat(b.price(id)).isEqualTo(ref.price(id));
      assertThat(b.quantity(id)).isEqualTo(ref.quantity(id));
    }
  }

  /** One order at the back of a level of thousands, the front ones cancelled in every pattern. */
  @Test
  void aLongLevelKeepsItsOrderThroughHolesAndCompaction() {
    OrderBook b = newBook();
    OrderBook ref = new ReferenceOrderBook();
    for (long id = 1; id <= 3_000; id++) {
      add(b, id, false, 500, 1);
      add(ref, id, false, 500, 1);
    }
    Random random = new Random(5);
    for (long id = 1; id <= 3_000; id++) {
      if (random.nextInt(3) != 0) {
        b.remove(id);
        ref.remove(id);
      }
      if (id % 250 == 0) {
        assertThat(side(b, false)).isEqualTo(side(ref, false));
      }
    }
    for (long id = 3_001; id <= 3_100; id++) {
      add(b, id, false, 500, 1);
      add(ref, id, false, 500, 1);
    }
    assertThat(side(b, false)).isEqualTo(side(ref, false));
    assertThat(b.best(false)).isEqualTo(ref.best(false));
  }
}
