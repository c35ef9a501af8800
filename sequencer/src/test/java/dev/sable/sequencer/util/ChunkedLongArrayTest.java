package dev.sable.sequencer.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ChunkedLongArrayTest {

  /** Random writes against a plain array: every element reads back, the changed ones listed. */
  @Property(tries = 200)
  void behavesLikeAnArray(
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 1023) Integer> indices) {
    ChunkedLongArray chunked = new ChunkedLongArray(1024, -1);
    long[] plain = new long[1024];
    Arrays.fill(plain, -1);
    for (int i = 0; i < indices.size(); i++) {
      int at = indices.get(i);
      chunked.set(at, i * 1_000_003L);
      plain[at] = i * 1_000_003L;
    }
    for (int at = 0; at < 1024; at++) {
      assertThat(chunked.get(at)).isEqualTo(plain[at]);
    }
    assertThat(chunked.changedIndices())
        .containsExactly(IntStream.range(0, 1024).filter(at -> plain[at] != -1).toArray());
  }

  @Test
  void lengthIsAPositiveMultipleOf64() {
    assertThatThrownBy(() -> new ChunkedLongArray(100, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChunkedLongArray(0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    ChunkedLongArray a = new ChunkedLongArray(128, 7);
    assertThat(a.get(127)).isEqualTo(7);
    assertThat(a.changedIndices()).isEmpty();
    assertThatThrownBy(() -> a.get(128)).isInstanceOf(ArrayIndexOutOfBoundsException.class);
  }
}
