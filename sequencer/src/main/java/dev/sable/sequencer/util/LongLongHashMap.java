package dev.sable.sequencer.util;

import java.util.Arrays;

/**
 * Open-addressing map from long to long, without boxing. Linear probing with backward-shift
 * deletion, so its layout (and {@link #values()} order) depends only on the sequence of operations:
 * deterministic. Keys must not be {@link Long#MIN_VALUE} (the empty marker).
 */
public final class LongLongHashMap {
  private static final long EMPTY = Long.MIN_VALUE;

  private long[] keys;
  private long[] values;
  private int mask;
  private int size;

  public LongLongHashMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    allocate(capacity);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new long[capacity];
    Arrays.fill(keys, EMPTY);
    mask = capacity - 1;
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  public int size() {
    return size;
  }

  public long get(long key, long missing) {
    int i = mix(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        return missing;
      }
      i = (i + 1) & mask;
    }
  }

  public boolean containsKey(long key) {
    int i = mix(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return true;
      }
      if (k == EMPTY) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  public void put(long key, long value) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("reserved key");
    }
    int i = mix(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        values[i] = value;
        return;
      }
      if (k == EMPTY) {
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
          grow();
        }
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Removes the key; returns its value, or {@code missing} if absent. */
  public long remove(long key, long missing) {
    int i = mix(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == EMPTY) {
        return missing;
      }
      if (k == key) {
        long value = values[i];
        shiftBack(i);
        size--;
        return value;
      }
      i = (i + 1) & mask;
    }
  }

  private void shiftBack(int hole) {
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      long k = keys[i];
      if (k == EMPTY) {
        keys[hole] = EMPTY;
        return;
      }
      int home = mix(k) & mask;
      // Move k into the hole unless its home lies cyclically in (hole, i].
      boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
      if (!stays) {
        keys[hole] = k;
        values[hole] = values[i];
        hole = i;
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    allocate(oldKeys.length * 2);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  /** The keys, in ascending order (independent of the table layout). */
  public long[] keys() {
    long[] out = new long[size];
    int n = 0;
    for (long k : keys) {
      if (k != EMPTY) {
        out[n++] = k;
      }
    }
    Arrays.sort(out);
    return out;
  }

  /**
   * The values, in table order: deterministic (the layout depends only on the sequence of
   * operations) but not sorted, so callers that iterate them sort them first.
   */
  public long[] values() {
    long[] out = new long[size];
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY) {
        out[n++] = values[i];
      }
    }
    return out;
  }
}
