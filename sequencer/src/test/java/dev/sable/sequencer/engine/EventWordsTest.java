package dev.sable.sequencer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.event.Event;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every event's words, for every event type (found by reflection, so a new one is covered):
 * changing any one field changes them, whatever the other fields hold; two types never share their
 * first word's tag.
 */
class EventWordsTest {

  /**
   * Each field of each event set in turn to each of these (ints and longs; enums take each
   * constant, booleans both, strings a few), the others to their first: negative ints test that a
   * sign does not spill into the tag or the enum's bits.
   */
  private static final long[] NUMBERS = {-1, 0, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, -7};

  @Test
  void everyFieldOfEveryEventReachesItsWords() throws Exception {
    Set<Long> tags = new HashSet<>();
    for (Class<?> type : Event.class.getPermittedSubclasses()) {
      RecordComponent[] fields = type.getRecordComponents();
      Constructor<?> make =
          type.getDeclaredConstructor(
              Arrays.stream(fields).map(RecordComponent::getType).toArray(Class<?>[]::new));
      Object[] base = new Object[fields.length];
      for (int f = 0; f < fields.length; f++) {
        base[f] = values(fields[f].getType()).get(0);
      }
      long[] baseWords = words((Event) make.newInstance(base));
      assertThat(tags.add(baseWords[0] >>> 56)).as(type.getSimpleName() + "'s tag").isTrue();
      // Each field over its values, the others at their first or, for a second pass, their last:
      // a field whose bits overlapped another's would collide in one of the two.
      for (int pass = 0; pass < 2; pass++) {
        Object[] others = base.clone();
        if (pass == 1) {
          for (int f = 0; f < fields.length; f++) {
            List<Object> v = values(fields[f].getType());
            others[f] = v.get(v.size() - 1);
          }
        }
        for (int f = 0; f < fields.length; f++) {
          Set<List<Long>> seen = new HashSet<>();
          List<Object> values = values(fields[f].getType());
          for (Object value : values) {
            Object[] args = others.clone();
            args[f] = value;
            long[] w = words((Event) make.newInstance(args));
            assertThat(seen.add(boxed(w)))
                .as(type.getSimpleName() + "." + fields[f].getName() + " = " + value)
                .isTrue();
          }
        }
      }
    }
    assertThat(tags).hasSize(Event.class.getPermittedSubclasses().length);
  }

  private static long[] words(Event e) {
    EventWords words = new EventWords();
    words.begin(new long[0], 0, 0);
    words.add(e);
    return Arrays.copyOf(words.words(), words.count());
  }

  private static List<Long> boxed(long[] w) {
    return Arrays.stream(w).boxed().toList();
  }

  private static List<Object> values(Class<?> type) {
    List<Object> out = new ArrayList<>();
    if (type == int.class) {
      Arrays.stream(NUMBERS).forEach(n -> out.add((int) n));
    } else if (type == long.class) {
      Arrays.stream(NUMBERS).forEach(n -> out.add(n));
      out.add(Long.MIN_VALUE);
    } else if (type == boolean.class) {
      out.add(false);
      out.add(true);
    } else if (type.isEnum()) {
      out.addAll(Arrays.asList(type.getEnumConstants()));
    } else if (type == String.class) {
      out.addAll(List.of("", "A", "AB", "ABCD", "ABCDE", "A\0", "\uFFFF"));
    } else {
      throw new AssertionError("no values for " + type);
    }
    return out;
  }
}
