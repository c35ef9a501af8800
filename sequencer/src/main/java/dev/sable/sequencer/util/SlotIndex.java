package dev.sable.sequencer.util;

/**
 * An account's resting orders by fill slot: slot ({@code 0 <= slot < }{@link #KEYS}, the settlement
 * layout's fill slots) to where the order rests (the caller's encoding, {@code 0 <= where < 2^53}).
 * Each entry is one long, {@code (where + 1) << 10 | slot}, 0 when empty, and an entry's home is
 * its slot's low bits: an account's client ids mostly count up, so its slots take consecutive
 * entries without collisions, and the table is a quarter of a general map's (one long per entry
 * instead of two, up to three quarters full instead of half). Linear probing with backward-shift
 * deletion: the layout depends only on the sequence of operations. The table is a plain array that
 * its owner holds itself, with the entry count beside it, so a lookup is one load from the owner
 * (no wrapper object): these are functions of the table. The owner also keeps the table's mask
 * ({@code length - 1}) beside it and hands it to a lookup: the entry's address then does not wait
 * for the table's length (its header line, a cache miss of its own on a cold table), so the two
 * lines load in parallel instead of one after the other.
 */
public final class SlotIndex {
  private static final int SLOT_BITS = 10;

  /** Slots are below this. */
  public static final int KEYS = 1 << SLOT_BITS;

  private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
  private static final long MAX_WHERE = (1L << (Long.SIZE - 1 - SLOT_BITS)) - 2;

  private SlotIndex() {}

  /** An empty table. */
  public static long[] newTable() {
    return new long[8];
  }

  /**
   * Where the order in {@code slot} rests, or -1 if none does; {@code mask} is {@code table.length
   * - 1}.
   */
  public static long get(long[] table, int mask, int slot) {
    long e = table[find(table, mask, slot)];
    return e == 0 ? -1 : (e >>> SLOT_BITS) - 1;
  }

  /** Whether an order rests in {@code slot}; {@code mask} is {@code table.length - 1}. */
  public static boolean contains(long[] table, int mask, int slot) {
    return table[find(table, mask, slot)] != 0;
  }

  /**
   * Records where the order in {@code slot} rests (replacing any), in a table holding {@code size}
   * entries; returns the table, a larger copy when it had to grow.
   */
  public static long[] put(long[] table, int size, int slot, long where) {
    if (slot < 0 || slot >= KEYS) {
      throw new IllegalArgumentException("slot out of range: " + slot);
    }
    if (where < 0 || where > MAX_WHERE) {
      throw new IllegalArgumentException("place out of range: " + where);
    }
    long[] t = table;
    int i = find(t, slot);
    if (t[i] == 0 && (size + 1) * 4 > t.length * 3) {
      t = grown(t);
      i = find(t, slot);
    }
    t[i] = (where + 1) << SLOT_BITS | slot;
    return t;
  }

  /** Forgets the order in {@code slot}; whether there was one. */
  public static boolean remove(long[] table, int slot) {
    int hole = find(table, slot);
    if (table[hole] == 0) {
      return false;
    }
    int mask = table.length - 1;
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      long e = table[i];
      if (e == 0) {
        table[hole] = 0;
        return true;
      }
      int home = (int) (e & SLOT_MASK) & mask;
      // Move e into the hole unless its home lies cyclically in (hole, i].
      boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
      if (!stays) {
        table[hole] = e;
        hole = i;
      }
    }
  }

  /**
   * Where each of the {@code size} orders rests, in table order (callers sort what they derive from
   * it).
   */
  public static long[] values(long[] table, int size) {
    long[] out = new long[size];
    int n = 0;
    for (long e : table) {
      if (e != 0) {
        out[n++] = (e >>> SLOT_BITS) - 1;
      }
    }
    return out;
  }

  private static int find(long[] table, int slot) {
    return find(table, table.length - 1, slot);
  }

  /** The entry holding {@code slot}, or the empty entry where it would go. */
  private static int find(long[] table, int mask, int slot) {
    int i = slot & mask;
    while (true) {
      long e = table[i];
      if (e == 0 || (e & SLOT_MASK) == slot) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  private static long[] grown(long[] old) {
    long[] table = new long[old.length * 2];
    for (long e : old) {
      if (e != 0) {
        table[find(table, (int) (e & SLOT_MASK))] = e;
      }
    }
    return table;
  }
}
