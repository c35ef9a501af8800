package dev.sable.sequencer.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class LongLongHashMapTest {

  /** Random puts and removes (small key range, so collisions and shifts happen) against TreeMap. */
  @Property(tries = 200)
  void behavesLikeAMap(@ForAll @Size(max = 400) List<@IntRange(min = -64, max = 64) Integer> ops) {
    LongLongHashMap map = new LongLongHashMap(2);
    TreeMap<Long, Long> ref = new TreeMap<>();
    for (int i = 0; i < ops.size(); i++) {
      long key = ops.get(i) * 1024L;
      if ((i & 1) == 0) {
        map.put(key, i);
        ref.put(key, (long) i);
      } else {
        assertThat(map.remove(key, -1)).isEqualTo(ref.containsKey(key) ? ref.remove(key) : -1L);
      }
      assertThat(map.size()).isEqualTo(ref.size());
    }
    for (long k = -64 * 1024; k <= 64 * 1024; k += 1024) {
      assertThat(map.get(k, -1)).isEqualTo(ref.getOrDefault(k, -1L));
    }
  }
}
