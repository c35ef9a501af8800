package dev.sable.sequencer.codec;

import java.lang.reflect.RecordComponent;
import java.util.Random;

/**
 * Random instances of any record of the engine, field by field from its components, so every
 * command and event type (and any added later) is generated without a hand-written twin of its
 * layout. Numbers favour the edges (0, +-1, the extremes); strings mix ASCII, multi-byte and
 * supplementary characters.
 */
final class RandomRecords {
  private static final long[] EDGES = {
    0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 62
  };
  private static final String[] PIECES = {"A", "z", "-", "0", "é", "€", "😀", "漢", " "};

  private RandomRecords() {}

  static Object of(Class<?> type, Random random) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = value(types[i], random);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type, e);
    }
  }

  private static Object value(Class<?> type, Random random) {
    if (type == long.class) {
      return random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextLong();
    }
    if (type == int.class) {
      return random.nextBoolean() ? (int) EDGES[random.nextInt(EDGES.length)] : random.nextInt();
    }
    if (type == boolean.class) {
      return random.nextBoolean();
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants[random.nextInt(constants.length)];
    }
    if (type == String.class) {
      StringBuilder s = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        s.append(PIECES[random.nextInt(PIECES.length)]);
      }
      return s.toString();
    }
    if (type.isRecord()) {
      return of(type, random);
    }
    throw new IllegalArgumentException("no generator for a field of type " + type);
  }
}
