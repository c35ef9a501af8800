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
    byte[] ids = FilledIds.EMPTY;
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
  }

  /**
   * Any ids in any slots (epochs near the base, far ahead, below it; ids whose low bits are not
   * their slot) read back exactly as a plain array of every slot holds them, through rebasing and
   * widening.
   */
  @Property(tries = 300)
  void anyIdsReadBackExactly(
      @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 1023) Integer> slots,
      @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 600) Integer> epochs,
      @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 4) Integer> misplaced) {
    byte[] ids = FilledIds.EMPTY;
    long[] plain = new long[Account.FILL_SLOTS];
    Arrays.fill(plain, -1);
    int n = Math.min(slots.size(), epochs.size());
    for (int i = 0; i < n; i++) {
      int slot = slots.get(i);
      long id = (long) epochs.get(i) * Account.FILL_SLOTS + slot;
      if (i < misplaced.size() && misplaced.get(i) == 0) {
        id ^= 1;
      }
      ids = FilledIds.with(ids, slot, id);
      plain[slot] = id;
      for (int s = 0; s < Account.FILL_SLOTS; s++) {
        assertThat(FilledIds.get(ids, s)).isEqualTo(plain[s]);
      }
    }
    assertThat(FilledIds.slots(ids))
        .containsExactly(IntStream.range(0, plain.length).filter(s -> plain[s] != -1).toArray());
  }

  /**
   * Epochs spanning exactly 255 stay narrow (one byte each), one more widens; what was written
   * before reads back after widening, and a reused slot keeps only its newest id.
   */
  @Test
  void widensOnlyBeyondTheByteRange() {
    long base = 1_000;
    byte[] ids = FilledIds.with(FilledIds.EMPTY, 3, id(base, 3));
    ids = FilledIds.with(ids, 5, id(base + 254, 5));
    assertThat(FilledIds.isWide(ids)).isFalse();
    assertThat(FilledIds.get(ids, 3)).isEqualTo(id(base, 3));
    assertThat(FilledIds.get(ids, 5)).isEqualTo(id(base + 254, 5));
    ids = FilledIds.with(ids, 5, id(base + 10, 5));
    assertThat(FilledIds.get(ids, 5)).isEqualTo(id(base + 10, 5));
    ids = FilledIds.with(ids, 7, id(base + 255, 7));
    assertThat(FilledIds.isWide(ids)).isTrue();
    assertThat(FilledIds.get(ids, 3)).isEqualTo(id(base, 3));
    assertThat(FilledIds.get(ids, 5)).isEqualTo(id(base + 10, 5));
    assertThat(FilledIds.get(ids, 7)).isEqualTo(id(base + 255, 7));
    assertThat(FilledIds.get(ids, 4)).isEqualTo(-1);
    assertThat(FilledIds.slots(ids)).containsExactly(3, 5, 7);
  }

  /**
   * An id below the base, or far ahead once the old epochs are overwritten, moves the base instead
   * of widening while the epochs still span at most 255.
   */
  @Test
  void rebasesBelowAndAhead() {
    byte[] ids = FilledIds.with(FilledIds.EMPTY, 9, id(500, 9));
    ids = FilledIds.with(ids, 10, id(300, 10));
    assertThat(FilledIds.isWide(ids)).isFalse();
    ids = FilledIds.with(ids, 10, id(700, 10));
    ids = FilledIds.with(ids, 9, id(700, 9));
    ids = FilledIds.with(ids, 11, id(954, 11));
    assertThat(FilledIds.isWide(ids)).isFalse();
    assertThat(FilledIds.get(ids, 9)).isEqualTo(id(700, 9));
    assertThat(FilledIds.get(ids, 10)).isEqualTo(id(700, 10));
    assertThat(FilledIds.get(ids, 11)).isEqualTo(id(954, 11));
    ids = FilledIds.with(ids, 12, id(699, 12));
    assertThat(FilledIds.isWide(ids)).isTrue();
    assertThat(FilledIds.get(ids, 12)).isEqualTo(id(699, 12));
    assertThat(FilledIds.get(ids, 11)).isEqualTo(id(954, 11));
  }

  /** An id whose low bits are not its slot cannot be one byte: it widens and reads back. */
  @Test
  void widensForAnIdNotInItsOwnSlot() {
    byte[] ids = FilledIds.with(FilledIds.EMPTY, 1, 1);
    ids = FilledIds.with(ids, 2, 1);
    assertThat(FilledIds.isWide(ids)).isTrue();
    assertThat(FilledIds.get(ids, 1)).isEqualTo(1);
    assertThat(FilledIds.get(ids, 2)).isEqualTo(1);
  }

  /** An account's ids counting up from 1 over 255 epochs stay narrow, one byte per slot. */
  @Test
  void countingUpStaysNarrow() {
    byte[] ids = FilledIds.EMPTY;
    for (long id = 1; id < 255L * Account.FILL_SLOTS; id++) {
      ids = FilledIds.with(ids, Account.fillSlot(id), id);
    }
    assertThat(FilledIds.isWide(ids)).isFalse();
    assertThat(ids.length).isLessThanOrEqualTo(8 + Account.FILL_SLOTS);
    ids = FilledIds.with(ids, 0, 255L * Account.FILL_SLOTS);
    assertThat(FilledIds.isWide(ids)).isFalse();
    assertThat(FilledIds.get(ids, 0)).isEqualTo(255L * Account.FILL_SLOTS);
    assertThat(FilledIds.get(ids, 1)).isEqualTo(254L * Account.FILL_SLOTS + 1);
  }

  private static long id(long epoch, int slot) {
    return epoch * Account.FILL_SLOTS + slot;
  }

  /** Id 0 is a filled id (stored as 1), the largest signed id fits; bad slots and ids throw. */
  @Test
  void keepsTheWholeRangeOfIds() {
    long largest = Long.MAX_VALUE - 1;
    byte[] ids = FilledIds.with(FilledIds.EMPTY, 0, 0);
    ids = FilledIds.with(ids, Account.FILL_SLOTS - 1, largest);
    assertThat(FilledIds.get(ids, 0)).isZero();
    assertThat(FilledIds.get(ids, Account.FILL_SLOTS - 1)).isEqualTo(largest);
    assertThat(FilledIds.slots(ids)).containsExactly(0, Account.FILL_SLOTS - 1);
    assertThat(FilledIds.isWide(ids)).isTrue();
    byte[] full = ids;
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
