package dev.sable.sequencer.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.core.Account;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FilledIdsTest {

  /**
   * Random writes against a plain array of every slot: each slot reads back (-1 where none was
   * written, also beyond the array's length), the written ones listed ascending; growth keeps what
   * was written before it.
   */
  @Property(tries = 200)
  void behavesLikeAnArrayOfEverySlot(
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 1023) Integer> slots) {
    long[] ids = FilledIds.EMPTY;
    long[] plain = new long[Account.FILL_SLOTS];
    Arrays.fill(plain, -1);
    for (int i = 0; i < slots.size(); i++) {
      int slot = slots.get(i);
      long id = (long) i * Account.FILL_SLOTS + slot;
      ids = FilledIds.with(ids, slot, id);
      plain[slot] = id;
      assertThat(FilledIds.get(ids, slot)).isEqualTo(id);
    }
    for (int slot = 0; slot < Account.FILL_SLOTS; slot++) {
      assertThat(FilledIds.get(ids, slot)).isEqualTo(plain[slot]);
    }
    assertThat(FilledIds.slots(ids))
        .containsExactly(IntStream.range(0, plain.length).filter(s -> plain[s] != -1).toArray());
    assertThat(ids.length).isLessThanOrEqualTo(Account.FILL_SLOTS);
  }

  /** Id 0 is a filled id (stored as 1), the largest signed id fits; bad slots and ids throw. */
  @Test
  void keepsTheWholeRangeOfIds() {
    long largest = Long.MAX_VALUE - 1;
    long[] ids = FilledIds.with(FilledIds.EMPTY, 0, 0);
    ids = FilledIds.with(ids, Account.FILL_SLOTS - 1, largest);
    assertThat(FilledIds.get(ids, 0)).isZero();
    assertThat(FilledIds.get(ids, Account.FILL_SLOTS - 1)).isEqualTo(largest);
    assertThat(FilledIds.slots(ids)).containsExactly(0, Account.FILL_SLOTS - 1);
    long[] full = ids;
    assertThatThrownBy(() -> FilledIds.with(full, 1, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FilledIds.with(full, 1, Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FilledIds.with(full, Account.FILL_SLOTS, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FilledIds.with(full, -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
