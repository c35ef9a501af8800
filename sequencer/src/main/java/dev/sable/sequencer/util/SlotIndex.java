package dev.sable.sequencer.util;

/**
 * An account's resting orders by fill slot: slot ({@code 0 <= slot < }{@link #KEYS}, the settlement
 * layout's fill slots) to where the order rests (the caller's encoding, {@code 0 <= where < 2^53}).
 * Each entry is one long, {@code (where + 1) << 10 | slot}, 0 when empty, and an entry's home is
 * its slot's low bits: an account's client ids mostly count up, so its slots take consecutive
 * entries without collisions, and the table is a quarter of a general map's (one long per entry
 * instead of two, up to three quarters full instead of half). Linear probing with backward-shift
 * deletion: the layout depends only on the sequence of operations.
 */
public final class SlotIndex {
  private static final int SLOT_BITS = 10;

  /** Slots are below this. */
  public static final int KEYS = 1 << SLOT_BITS;

  private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
  private static final long MAX_WHERE = (1L << (Long.SIZE - 1 - SLOT_BITS)) - 2;

  private long[] table = new long[8];
  private int size;

  public int size() {
    return size;
  }

  /** Where the order in {@code slot} rests, or -1 if none does. */
  public long get(int slot) {
    long e = table[find(slot)];
    return e == 0 ? -1 : (e >>> SLOT_BITS) - 1;
  }

  public boolean contains(int slot) {
    return table[find(slot)] != 0;
  }

  /** Records where the order in {@code slot} rests (replacing any). */
  public void put(int slot, long where) {
    if (slot < 0 || slot >= KEYS) {
      throw new IllegalArgumentException("slot out of range: " + slot);
    }
    if (where < 0 || where > MAX_WHERE) {
      throw new IllegalArgumentException("place out of range: " + where);
    }
    int i = find(slot);
    if (table[i] == 0 && ++size * 4 > table.length * 3) {
      grow();
      i = find(slot);
    }
    table[i] = (where + 1) << SLOT_BITS | slot;
  }

  /** Forgets the order in {@code slot}, if any. */
  public void remove(int slot) {
    int hole = find(slot);
    if (table[hole] == 0) {
      return;
    }
    size--;
    int mask = table.length - 1;
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      long e = table[i];
      if (e == 0) {
        table[hole] = 0;
        return;
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

  /** Where each order rests, in table order (callers sort what they derive from it). */
  public long[] values() {
    long[] out = new long[size];
    int n = 0;
    for (long e : table) {
      if (e != 0) {
        out[n++] = (e >>> SLOT_BITS) - 1;
      }
    }
    return out;
  }

  /** The entry holding {@code slot}, or the empty entry where it would go. */
  private int find(int slot) {
    int mask = table.length - 1;
    int i = slot & mask;
    while (true) {
      long e = table[i];
      if (e == 0 || (e & SLOT_MASK) == slot) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    for (long e : old) {
      if (e != 0) {
        int i = find((int) (e & SLOT_MASK));
        table[i] = e;
      }
    }
  }
}
