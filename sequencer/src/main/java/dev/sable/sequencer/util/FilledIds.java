package dev.sable.sequencer.util;

import java.util.Arrays;

/**
 * Per fill slot ({@code 0 <= slot < }{@link SlotIndex#KEYS}), the newest client order id that
 * filled from it: a plain array indexed by slot that its owner holds itself, so a check reads it
 * with one load from the owner (no wrapper object, no chunk table, no hashing). Each id is stored
 * plus one, so 0 is none; the array covers the slots below its length and grows, in powers of two,
 * with the first write beyond (an account's client ids mostly count up).
 */
public final class FilledIds {
  /** No slot filled yet. */
  public static final long[] EMPTY = new long[0];

  private static final int FIRST_LENGTH = 64;

  private FilledIds() {}

  /** The newest client order id that filled from {@code slot}, -1 if none did. */
  public static long get(long[] ids, int slot) {
    return slot < ids.length ? ids[slot] - 1 : -1;
  }

  /**
   * The ids with {@code slot}'s set to {@code clientOrderId} ({@code 0 <= clientOrderId < 2^63 -
   * 1}): the same array, or a larger copy.
   */
  public static long[] with(long[] ids, int slot, long clientOrderId) {
    if (slot < 0 || slot >= SlotIndex.KEYS) {
      throw new IllegalArgumentException("slot out of range: " + slot);
    }
    if (clientOrderId < 0 || clientOrderId == Long.MAX_VALUE) {
      throw new IllegalArgumentException("client order id out of range: " + clientOrderId);
    }
    long[] out = ids;
    if (slot >= out.length) {
      out = Arrays.copyOf(out, Math.max(FIRST_LENGTH, Integer.highestOneBit(slot) << 1));
    }
    out[slot] = clientOrderId + 1;
    return out;
  }

  /** The slots that filled, ascending. */
  public static int[] slots(long[] ids) {
    int[] out = new int[ids.length];
    int n = 0;
    for (int slot = 0; slot < ids.length; slot++) {
      if (ids[slot] != 0) {
        out[n++] = slot;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
