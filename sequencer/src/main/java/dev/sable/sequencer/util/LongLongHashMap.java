package dev.sable.sequencer.util;

/**
 * Open-addressing map from long to long, without boxing. Linear probing with backward-shift
 * deletion, so its layout depends only on the sequence of operations: deterministic (and it is
 * never iterated). Each key sits next to its value in one array, so a lookup that finds its key at
 * once reads one cache line. Keys must not be {@link Long#MIN_VALUE} (the empty marker).
 */
public final class LongLongHashMap {
  private static final long EMPTY = Long.MIN_VALUE;

  /** Entry i: key at 2i, value at 2i + 1. */
  private long[] table;

  private int mask;
  private int size;

  public LongLongHashMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    allocate(capacity);
  }

  private void allocate(int capacity) {
    table = new long[capacity * 2];
    for (int i = 0; i < table.length; i += 2) {
      table[i] = EMPTY;
    }
    mask = capacity - 1;
  }

  private int home(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  public int size() {
    return size;
  }

  /** The entry holding {@code key}, or the empty entry where it would go. */
  private int find(long key) {
    int i = home(key);
    while (true) {
      long k = table[2 * i];
      if (k == key || k == EMPTY) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  public long get(long key, long missing) {
    int i = find(key);
    return table[2 * i] == EMPTY ? missing : table[2 * i + 1];
  }

  public void put(long key, long value) {
    int i = insertionPoint(key);
    if (table[2 * i] == key) {
      table[2 * i + 1] = value;
    } else {
      add(i, key, value);
    }
  }

  private int insertionPoint(long key) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("reserved key");
    }
    return find(key);
  }

  /** Fills the empty entry {@code i}; grows the table past half full. */
  private void add(int i, long key, long value) {
    table[2 * i] = key;
    table[2 * i + 1] = value;
    if (++size * 2 > mask + 1) {
      grow();
    }
  }

  /** Removes the key; returns its value, or {@code missing} if absent. */
  public long remove(long key, long missing) {
    int i = find(key);
    if (table[2 * i] == EMPTY) {
      return missing;
    }
    long value = table[2 * i + 1];
    shiftBack(i);
    size--;
    return value;
  }

  private void shiftBack(int hole) {
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      long k = table[2 * i];
      if (k == EMPTY) {
        table[2 * hole] = EMPTY;
        return;
      }
      int home = home(k);
      // Move k into the hole unless its home lies cyclically in (hole, i].
      boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
      if (!stays) {
        table[2 * hole] = k;
        table[2 * hole + 1] = table[2 * i + 1];
        hole = i;
      }
    }
  }

  private void grow() {
    long[] old = table;
    allocate((mask + 1) * 2);
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != EMPTY) {
        int j = find(old[i]);
        table[2 * j] = old[i];
        table[2 * j + 1] = old[i + 1];
      }
    }
  }
}
