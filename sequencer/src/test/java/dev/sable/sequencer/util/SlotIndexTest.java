package dev.sable.sequencer.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.core.Account;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SlotIndexTest {

  /**
   * Random puts and removes against a sorted map: every slot reads back, sizes and values agree.
   * Slots are drawn from a few bands 64 apart, so many share a home and probe chains wrap, and
   * removals exercise the backward shift.
   */
  @Property(tries = 300)
  void behavesLikeAMap(
      @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 1023) Integer> ops,
      @ForAll @IntRange(min = 1, max = 64) int spread) {
    long[] table = SlotIndex.newTable();
    TreeMap<Integer, Long> plain = new TreeMap<>();
    for (int i = 0; i < ops.size(); i++) {
      int op = ops.get(i);
      int slot = (op % spread) * 64 % Account.FILL_SLOTS + op / 256;
      if (op % 3 == 0) {
        assertThat(SlotIndex.remove(table, slot)).isEqualTo(plain.remove(slot) != null);
      } else {
        long where = (long) i << 20 | op;
        table = SlotIndex.put(table, plain.size(), slot, where);
        plain.put(slot, where);
      }
    }
    for (int slot = 0; slot < Account.FILL_SLOTS; slot++) {
      assertThat(SlotIndex.get(table, table.length - 1, slot))
          .isEqualTo(plain.getOrDefault(slot, -1L));
      assertThat(SlotIndex.contains(table, table.length - 1, slot))
          .isEqualTo(plain.containsKey(slot));
    }
    assertThat(table.length * 3)
        .as("at most three quarters full")
        .isGreaterThanOrEqualTo(plain.size() * 4);
    assertThat(SlotIndex.values(table, plain.size()))
        .containsExactlyInAnyOrder(plain.values().stream().mapToLong(Long::longValue).toArray());
  }

  @Test
  void keepsTheWholeRangeOfPlaces() {
    long largest = (1L << 53) - 2;
    long[] table = SlotIndex.put(SlotIndex.newTable(), 0, Account.FILL_SLOTS - 1, largest);
    long[] index = SlotIndex.put(table, 1, 0, 0);
    assertThat(SlotIndex.get(index, index.length - 1, Account.FILL_SLOTS - 1)).isEqualTo(largest);
    assertThat(SlotIndex.get(index, index.length - 1, 0)).isZero();
    assertThatThrownBy(() -> SlotIndex.put(index, 2, 1, largest + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlotIndex.put(index, 2, 1, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlotIndex.put(index, 2, Account.FILL_SLOTS, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SlotIndex.values(index, 2)).containsExactlyInAnyOrder(largest, 0);
  }

  @Test
  void coversEveryFillSlot() {
    assertThat(SlotIndex.KEYS).isEqualTo(Account.FILL_SLOTS);
  }
}
