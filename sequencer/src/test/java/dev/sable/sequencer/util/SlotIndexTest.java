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
    SlotIndex index = new SlotIndex();
    TreeMap<Integer, Long> plain = new TreeMap<>();
    for (int i = 0; i < ops.size(); i++) {
      int op = ops.get(i);
      int slot = (op % spread) * 64 % Account.FILL_SLOTS + op / 256;
      if (op % 3 == 0) {
        index.remove(slot);
        plain.remove(slot);
      } else {
        long where = (long) i << 20 | op;
        index.put(slot, where);
        plain.put(slot, where);
      }
      assertThat(index.size()).isEqualTo(plain.size());
    }
    for (int slot = 0; slot < Account.FILL_SLOTS; slot++) {
      assertThat(index.get(slot)).isEqualTo(plain.getOrDefault(slot, -1L));
      assertThat(index.contains(slot)).isEqualTo(plain.containsKey(slot));
    }
    assertThat(index.values())
        .containsExactlyInAnyOrder(plain.values().stream().mapToLong(Long::longValue).toArray());
  }

  @Test
  void keepsTheWholeRangeOfPlaces() {
    SlotIndex index = new SlotIndex();
    long largest = (1L << 53) - 2;
    index.put(Account.FILL_SLOTS - 1, largest);
    index.put(0, 0);
    assertThat(index.get(Account.FILL_SLOTS - 1)).isEqualTo(largest);
    assertThat(index.get(0)).isZero();
    assertThatThrownBy(() -> index.put(1, largest + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.put(1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.put(Account.FILL_SLOTS, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(index.size()).isEqualTo(2);
  }

  @Test
  void coversEveryFillSlot() {
    assertThat(SlotIndex.KEYS).isEqualTo(Account.FILL_SLOTS);
  }
}
