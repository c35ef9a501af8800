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
}
