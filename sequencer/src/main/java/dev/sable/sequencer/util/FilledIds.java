package dev.sable.sequencer.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Per fill slot ({@code 0 <= slot < }{@link SlotIndex#KEYS}), the newest client order id that
 * filled from it: a plain array indexed by slot that its owner holds itself, so a check reads it
 * with one load from the owner (no wrapper object, no chunk table, no hashing). The array covers
 * the slots below its capacity and grows, in powers of two, with the first write beyond.
 *
 * <p>Its first 8 bytes (the head, on the line of the array's length) say which of two forms it is
 * in. Narrow (head {@code >= 0}, the base epoch): one byte per slot, the epoch ({@code id >>> 10})
 * of the slot's id minus the base, plus one (0 = none); the slot is the id's low 10 bits, so the
 * byte gives the whole id back. An account's client ids mostly count up, so its writes dirty a new
 * 64-byte line every 64 ids instead of every 8, and those distinct lines are what the fill-slot ids
 * cost (docs/sequencer.md). An id the bytes cannot hold (its low bits are not its slot, or the
 * stored epochs and its own would span more than 255) first moves the base to the lowest epoch if
 * that makes them fit, and otherwise widens the array for good to the wide form (head -1): the id
 * plus one as a long per slot. Either form reads back exactly the ids written.
 */
public final class FilledIds {
  private static final int SLOT_BITS = Integer.numberOfTrailingZeros(SlotIndex.KEYS);
  private static final long SLOT_MASK = SlotIndex.KEYS - 1;
  private static final int HEADER = Long.BYTES;
  private static final long WIDE = -1;
  private static final int LONG_SHIFT = Integer.numberOfTrailingZeros(Long.BYTES);

  /** The largest epoch above the base one byte holds (255 is that epoch plus one). */
  private static final long MAX_OFFSET = 254;

  private static final int FIRST_SLOTS = 64;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** No slot filled yet (narrow, base 0, no slots; never written, every write copies it). */
  public static final byte[] EMPTY = new byte[HEADER];

  private FilledIds() {}

  /** The newest client order id that filled from {@code slot}, -1 if none did. */
  public static long get(byte[] ids, int slot) {
    long head = head(ids);
    if (head != WIDE) {
      int at = HEADER + slot;
      int e = at < ids.length ? ids[at] & 0xff : 0;
      return e == 0 ? -1 : (head + e - 1) << SLOT_BITS | slot;
    }
    int at = HEADER + slot * Long.BYTES;
    return at < ids.length ? (long) LONGS.get(ids, at) - 1 : -1;
  }

  /**
   * The ids with {@code slot}'s set to {@code clientOrderId} ({@code 0 <= clientOrderId < 2^63 -
   * 1}): the same array, or a new one (larger, rebased or widened).
   */
  public static byte[] with(byte[] ids, int slot, long clientOrderId) {
    if (slot < 0 || slot >= SlotIndex.KEYS) {
      throw new IllegalArgumentException("slot out of range: " + slot);
    }
    if (clientOrderId < 0 || clientOrderId == Long.MAX_VALUE) {
      throw new IllegalArgumentException("client order id out of range: " + clientOrderId);
    }
    long head = head(ids);
    long offset = (clientOrderId >>> SLOT_BITS) - head;
    if (head != WIDE
        && (clientOrderId & SLOT_MASK) == slot
        && offset >= 0
        && offset <= MAX_OFFSET
        && HEADER + slot < ids.length) {
      ids[HEADER + slot] = (byte) (offset + 1);
      return ids;
    }
    return changed(ids, slot, clientOrderId);
  }

  /** {@link #with}'s rare case: the array grown, rebased or widened first. */
  private static byte[] changed(byte[] ids, int slot, long clientOrderId) {
    byte[] out = ids;
    if (head(out) != WIDE) {
      long epoch = clientOrderId >>> SLOT_BITS;
      if ((clientOrderId & SLOT_MASK) != slot) {
        out = widened(out);
      } else if (epoch - head(out) < 0 || epoch - head(out) > MAX_OFFSET) {
        out = rebased(out, slot, epoch);
      }
      if (head(out) != WIDE) {
        out = covering(out, slot, 1);
        out[HEADER + slot] = (byte) (epoch - head(out) + 1);
        return out;
      }
    }
    out = covering(out, slot, Long.BYTES);
    LONGS.set(out, HEADER + slot * Long.BYTES, clientOrderId + 1);
    return out;
  }

  /** The slots that filled, ascending. */
  public static int[] slots(byte[] ids) {
    int capacity = capacity(ids);
    int[] out = new int[capacity];
    int n = 0;
    for (int slot = 0; slot < capacity; slot++) {
      if (get(ids, slot) != -1) {
        out[n++] = slot;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Whether the array is in the wide form (for tests of the widening boundary). */
  static boolean isWide(byte[] ids) {
    return head(ids) == WIDE;
  }

  private static long head(byte[] ids) {
    return (long) LONGS.get(ids, 0);
  }

  private static int capacity(byte[] ids) {
    return (ids.length - HEADER) >> (head(ids) == WIDE ? LONG_SHIFT : 0);
  }

  /** {@code ids}, or a larger copy, covering {@code slot} in a form of {@code width} per slot. */
  private static byte[] covering(byte[] ids, int slot, int width) {
    if (slot < capacity(ids)) {
      return ids;
    }
    int slots = Math.max(FIRST_SLOTS, Integer.highestOneBit(slot) << 1);
    return Arrays.copyOf(ids, HEADER + slots * width);
  }

  /**
   * A narrow copy of narrow {@code ids} whose base is the lowest of its epochs and {@code epoch}
   * ({@code slot}'s, about to be overwritten, left out), or the wide copy if those epochs span more
   * than one byte holds.
   */
  private static byte[] rebased(byte[] ids, int slot, long epoch) {
    long base = head(ids);
    long low = epoch;
    long high = epoch;
    for (int at = HEADER; at < ids.length; at++) {
      if (ids[at] != 0 && at != HEADER + slot) {
        long e = base + (ids[at] & 0xff) - 1;
        low = Math.min(low, e);
        high = Math.max(high, e);
      }
    }
    if (high - low > MAX_OFFSET) {
      return widened(ids);
    }
    byte[] out = new byte[ids.length];
    LONGS.set(out, 0, low);
    for (int at = HEADER; at < ids.length; at++) {
      if (ids[at] != 0) {
        out[at] = (byte) (base + (ids[at] & 0xff) - low);
      }
    }
    return out;
  }

  /** The wide copy of narrow {@code ids}: the same slots, each id plus one as a long. */
  private static byte[] widened(byte[] ids) {
    int capacity = capacity(ids);
    byte[] out = new byte[HEADER + capacity * Long.BYTES];
    LONGS.set(out, 0, WIDE);
    for (int slot = 0; slot < capacity; slot++) {
      LONGS.set(out, HEADER + slot * Long.BYTES, get(ids, slot) + 1);
    }
    return out;
  }
}
