package dev.sable.sequencer.core;

import dev.sable.sequencer.util.LongLongHashMap;
import java.util.Arrays;

/**
 * The fast order book, laid out for few cache misses per command:
 *
 * <ul>
 *   <li>each order is one 64-byte record in a single {@code long[]} (slots recycled through a free
 *       list), so reading an order touches one cache line rather than one per field;
 *   <li>each price level keeps its orders in arrival order as a doubly linked list through the
 *       records themselves (each record holds its level, the previous and the next slot), so taking
 *       an order out or adding one at the back is a few stores, with no queue array to touch, no
 *       holes to skip and nothing allocated per level;
 *   <li>each side keeps its levels' prices in a sorted array with the best last. A level that
 *       empties stays in the array (so a price used again needs no insertion) until empty levels
 *       outnumber the others a few times over; then they are dropped in one pass. The best
 *       non-empty level is tracked. A price within 8,192 of the side's first price finds its level
 *       in a direct-indexed window of level ids (one load); a price outside it, or one with no
 *       level yet, is searched for (an amend's next to its old level first, else by binary search).
 * </ul>
 *
 * Order id to slot: recent ids in a direct-mapped ring, older ones in a primitive hash map (see
 * {@link Slots}); used only when an order arrives, leaves, or is asked about by id. No allocation
 * after warm-up except when arrays grow.
 */
public final class ArrayOrderBook extends OrderBook {
  private static final int NIL = -1;

  // The fields of an order record: STRIDE longs from slot * STRIDE.
  private static final int STRIDE = 8;
  private static final int ID = 0;
  private static final int CLIENT_ID = 1;
  private static final int PRICE = 2;
  private static final int QUANTITY = 3;
  private static final int EXPIRY = 4;

  /** Account (low 32 bits) and flags (the caller's bits 0 and 1, plus {@link #BUY}) above it. */
  private static final int OWNER = 5;

  /**
   * The order's level (low 32 bits) and the slot before it in the level (high 32 bits, NIL at the
   * head); for a free slot, the next free slot.
   */
  private static final int PLACE = 6;

  /** The slot after the order in its level (NIL at the tail). */
  private static final int NEXT = 7;

  /** Stored with the caller's flags (bits 0 and 1). */
  private static final int BUY = 4;

  private long[] records = new long[64 * STRIDE];
  private int highWater;
  private int freeHead = NIL;
  private int size;

  private final Slots slots = new Slots();
  private final Ladder bids = new Ladder(true);
  private final Ladder asks = new Ladder(false);

  // One-entry cache: the engine asks several questions about the same order in a row. Empty while
  // cachedSlot is NIL, so no id (not even NONE) hits it then.
  private long cachedId = NONE;
  private int cachedSlot = NIL;

  private static int base(int slot) {
    return slot * STRIDE;
  }

  private long field(int slot, int field) {
    return records[base(slot) + field];
  }

  private int levelOf(int slot) {
    return (int) records[base(slot) + PLACE];
  }

  private int previousOf(int slot) {
    return (int) (records[base(slot) + PLACE] >>> 32);
  }

  private int nextOf(int slot) {
    return (int) records[base(slot) + NEXT];
  }

  // Whole-long stores: linking a neighbour writes its field without reading its record first.
  private void place(int slot, int level, int previous) {
    records[base(slot) + PLACE] = (level & 0xFFFF_FFFFL) | ((long) previous << 32);
  }

  private void setNext(int slot, int next) {
    records[base(slot) + NEXT] = next;
  }

  private int flagBits(int s) {
    return (int) (records[base(s) + OWNER] >>> 32);
  }

  private boolean isBuySlot(int s) {
    return (flagBits(s) & BUY) != 0;
  }

  /**
   * The price levels of one side. Level records (price, place in the sorted array, first and last
   * order) are recycled through a free list; the sorted array holds every level in use, empty or
   * not, by ascending key (best last).
   */
  private final class Ladder {
    /**
     * Empty levels are dropped once there are more than this many per non-empty one (plus a
     * margin).
     */
    private static final int EMPTY_PER_LIVE = 3;

    private static final int EMPTY_MARGIN = 64;

    /** A level's entries in {@link #meta}: {@code meta[level * LEVEL + INDEX]} and so on. */
    private static final int LEVEL = 4;

    private static final int INDEX = 0;
    private static final int HEAD = 1;
    private static final int TAIL = 2;
    private static final int COUNT = 3;

    /** An amend's new level is looked for this far on each side of its old one before searching. */
    private static final int NEAR = 16;

    private final boolean buy;

    /**
     * Sort keys of the levels in use, ascending (best last), and their level ids, in {@code [first,
     * end)}: room is kept at both ends, so a level is inserted by moving the shorter side (prices
     * that drift add levels at the worse end of one side and the best end of the other).
     */
    private long[] keys = new long[64];

    private int[] levels = new int[64];
    private int first = 32;
    private int end = 32;

    /** Non-empty levels, and the sorted index of the best of them (-1 if none). */
    private int live;

    private int best = NIL;

    // Level records, by level id.
    private long[] prices = new long[64];

    /**
     * Per level, side by side (one cache line holds four levels' worth): its sorted index (for a
     * free level, the next free level), its first and last order's slot (NIL if empty) and its
     * order count.
     */
    private int[] meta = new int[64 * LEVEL];

    private int levelHighWater;

    /** Free level ids, linked through their INDEX entries. */
    private int freeLevel = NIL;

    /**
     * Level ids by price for the {@link #WINDOW} prices from {@code windowBase} (NIL where no level
     * is in use), so that a price that has a level finds it with one load instead of a search. Set
     * around the side's first price and never moved; prices outside it are searched for.
     */
    private static final int WINDOW = 1 << 14;

    private int[] window;
    private long windowBase;
    private long windowLimit;

    Ladder(boolean buy) {
      this.buy = buy;
    }

    /** Bids sort by price, asks by negated price: ascending keys put the best level last. */
    private long key(long price) {
      return buy ? price : -price;
    }

    /** The first sorted index whose key is >= {@code key} (end if none): a branch-free search. */
    private int lowerBound(long key) {
      int lo = first;
      int len = end - first;
      while (len > 1) {
        int half = len >>> 1;
        lo = keys[lo + half - 1] < key ? lo + half : lo;
        len -= half;
      }
      return len == 1 && keys[lo] < key ? lo + 1 : lo;
    }

    /**
     * The sorted index where {@code key} is or would go, looking first within {@link #NEAR} entries
     * of {@code hint} (a sorted index, or NIL).
     */
    private int locate(long key, int hint) {
      if (hint >= first && hint < end) {
        // Walk from the hint towards the key: an amend moves a few levels, so a few steps.
        int i = hint;
        if (keys[i] < key) {
          int to = Math.min(end, hint + NEAR + 1);
          do {
            i++;
          } while (i < to && keys[i] < key);
          if (i < to || i == end) {
            return i;
          }
        } else {
          int from = Math.max(first, hint - NEAR);
          while (i > from && keys[i - 1] >= key) {
            i--;
          }
          if (i > from || i == first) {
            return i;
          }
        }
      }
      return lowerBound(key);
    }

    /** {@code price}'s entry in {@link #window}, or NIL if it lies outside (or there is none). */
    private int windowEntry(long price) {
      if (window == null) {
        window = new int[WINDOW];
        Arrays.fill(window, NIL);
        // Saturating, so that the bounds are valid longs for any price.
        windowBase = price > Long.MIN_VALUE + WINDOW / 2 ? price - WINDOW / 2 : Long.MIN_VALUE;
        windowLimit = windowBase <= Long.MAX_VALUE - WINDOW ? windowBase + WINDOW : Long.MAX_VALUE;
      }
      return price >= windowBase && price < windowLimit ? (int) (price - windowBase) : NIL;
    }

    /** The level at {@code price}, created (empty) if there is none. */
    private int levelAt(long price, int hint) {
      int entry = windowEntry(price);
      if (entry != NIL && window[entry] != NIL) {
        return window[entry];
      }
      long key = key(price);
      int at = locate(key, hint);
      if (at < end && keys[at] == key) {
        return levels[at];
      }
      int level = newLevel(price);
      if (entry != NIL) {
        window[entry] = level;
      }
      boolean front = at - first < end - at;
      if (front ? first == 0 : end == keys.length) {
        recenter();
        at = lowerBound(key);
      }
      if (front) {
        System.arraycopy(keys, first, keys, first - 1, at - first);
        System.arraycopy(levels, first, levels, first - 1, at - first);
        first--;
        at--;
        renumber(first, at);
        if (best != NIL && best <= at) {
          best--;
        }
      } else {
        System.arraycopy(keys, at, keys, at + 1, end - at);
        System.arraycopy(levels, at, levels, at + 1, end - at);
        end++;
        renumber(at + 1, end);
        if (best >= at) {
          best++;
        }
      }
      keys[at] = key;
      levels[at] = level;
      meta[level * LEVEL + INDEX] = at;
      return level;
    }

    /** Records the sorted index of the levels in {@code [from, to)}. */
    private void renumber(int from, int to) {
      for (int i = from; i < to; i++) {
        meta[levels[i] * LEVEL + INDEX] = i;
      }
    }

    /** Moves the levels to the middle of arrays with room for as many again at each end. */
    private void recenter() {
      int count = end - first;
      int capacity = Math.max(keys.length, 64);
      while (capacity < 3 * count + 2) {
        capacity *= 2;
      }
      long[] newKeys = capacity == keys.length ? keys : new long[capacity];
      int[] newLevels = capacity == levels.length ? levels : new int[capacity];
      int newFirst = (capacity - count) / 2;
      System.arraycopy(keys, first, newKeys, newFirst, count);
      System.arraycopy(levels, first, newLevels, newFirst, count);
      if (best != NIL) {
        best += newFirst - first;
      }
      keys = newKeys;
      levels = newLevels;
      first = newFirst;
      end = newFirst + count;
      renumber(first, end);
    }

    private int newLevel(long price) {
      int level;
      if (freeLevel != NIL) {
        level = freeLevel;
        freeLevel = meta[level * LEVEL + INDEX];
      } else {
        if (levelHighWater == prices.length) {
          int cap = levelHighWater * 2;
          prices = Arrays.copyOf(prices, cap);
          meta = Arrays.copyOf(meta, cap * LEVEL);
        }
        level = levelHighWater++;
      }
      prices[level] = price;
      meta[level * LEVEL + HEAD] = NIL;
      meta[level * LEVEL + TAIL] = NIL;
      meta[level * LEVEL + COUNT] = 0;
      return level;
    }

    /** Puts a slot (price already set) at the back of its price's level. */
    void append(int slot, int hint) {
      int level = levelAt(field(slot, PRICE), hint);
      int tail = meta[level * LEVEL + TAIL];
      place(slot, level, tail);
      setNext(slot, NIL);
      if (tail == NIL) {
        meta[level * LEVEL + HEAD] = slot;
      } else {
        setNext(tail, slot);
      }
      meta[level * LEVEL + TAIL] = slot;
      if (meta[level * LEVEL + COUNT]++ == 0) {
        live++;
        best = Math.max(best, meta[level * LEVEL + INDEX]);
      }
    }

    void unlink(int slot) {
      int level = levelOf(slot);
      int previous = previousOf(slot);
      int next = nextOf(slot);
      if (previous == NIL) {
        meta[level * LEVEL + HEAD] = next;
      } else {
        setNext(previous, next);
      }
      if (next == NIL) {
        meta[level * LEVEL + TAIL] = previous;
      } else {
        place(next, level, previous);
      }
      if (--meta[level * LEVEL + COUNT] == 0) {
        emptied(level);
      }
    }

    /** A level lost its last order: the best moves down if it was the best; maybe drop empties. */
    private void emptied(int level) {
      live--;
      if (meta[level * LEVEL + INDEX] == best) {
        int i = best - 1;
        while (i >= first && meta[levels[i] * LEVEL + COUNT] == 0) {
          i--;
        }
        best = i >= first ? i : NIL;
      }
      if (end - first - live > EMPTY_PER_LIVE * live + EMPTY_MARGIN) {
        dropEmptyLevels();
      }
    }

    /** Removes every empty level from the sorted array, freeing its record. */
    private void dropEmptyLevels() {
      int to = first;
      int newBest = NIL;
      for (int i = first; i < end; i++) {
        int level = levels[i];
        if (meta[level * LEVEL + COUNT] == 0) {
          int entry = windowEntry(prices[level]);
          if (entry != NIL) {
            window[entry] = NIL;
          }
          meta[level * LEVEL + INDEX] = freeLevel;
          freeLevel = level;
        } else {
          if (i == best) {
            newBest = to;
          }
          keys[to] = keys[i];
          levels[to] = level;
          to++;
        }
      }
      end = to;
      best = newBest;
      recenter();
    }

    int bestSlot() {
      return best == NIL ? NIL : firstOf(levels[best]);
    }

    long bestPrice() {
      return best == NIL ? NONE : prices[levels[best]];
    }

    private int firstOf(int level) {
      return meta[level * LEVEL + HEAD];
    }

    /** The slot after {@code slot} in priority: in its level, else the next worse level's first. */
    int after(int slot) {
      int next = nextOf(slot);
      if (next != NIL) {
        return next;
      }
      for (int i = meta[levelOf(slot) * LEVEL + INDEX] - 1; i >= first; i--) {
        if (meta[levels[i] * LEVEL + COUNT] != 0) {
          return firstOf(levels[i]);
        }
      }
      return NIL;
    }

    /** The sorted index of a slot's level: a hint for finding a nearby price. */
    int indexOf(int slot) {
      return meta[levelOf(slot) * LEVEL + INDEX];
    }
  }

  /**
   * Order id to slot. Order ids are handed out in sequence ({@code sequence << 6 | market}), so a
   * recent id picks its entry in a direct-mapped ring by the low bits of its sequence; an order
   * still resting when a newer id needs its entry moves to a hash map. An order that leaves within
   * {@link #RING} newer orders costs no hashing at all.
   */
  private final class Slots {
    private static final int RING = 1 << 14;

    private final int[] ring = new int[RING];
    private final LongLongHashMap older = new LongLongHashMap(1024);

    Slots() {
      Arrays.fill(ring, NIL);
    }

    private static int entry(long orderId) {
      return (int) (orderId >>> 6) & (RING - 1);
    }

    /** The slot of a resting order, or NIL. */
    int get(long orderId) {
      int s = ring[entry(orderId)];
      if (s != NIL && field(s, ID) == orderId) {
        return s;
      }
      return older.size() == 0 ? NIL : (int) older.get(orderId, NIL);
    }

    /** Records the slot of a new order (whose id does not rest yet). */
    void add(long orderId, int slot) {
      int e = entry(orderId);
      int occupant = ring[e];
      if (occupant != NIL) {
        older.put(field(occupant, ID), occupant);
      }
      ring[e] = slot;
    }

    void remove(long orderId, int slot) {
      int e = entry(orderId);
      if (ring[e] == slot) {
        ring[e] = NIL;
      } else {
        older.remove(orderId, NIL);
      }
    }
  }

  private Ladder side(boolean buy) {
    return buy ? bids : asks;
  }

  private int slot(long orderId) {
    if (cachedSlot != NIL && orderId == cachedId) {
      return cachedSlot;
    }
    int s = slots.get(orderId);
    if (s == NIL) {
      throw new IllegalArgumentException("unknown order " + orderId);
    }
    cachedId = orderId;
    cachedSlot = s;
    return s;
  }

  private int allocate() {
    if (freeHead != NIL) {
      int s = freeHead;
      freeHead = (int) records[base(s) + PLACE];
      return s;
    }
    if (base(highWater) == records.length) {
      records = Arrays.copyOf(records, records.length * 2);
    }
    return highWater++;
  }

  private void free(int s) {
    records[base(s) + PLACE] = freeHead;
    freeHead = s;
  }

  @Override
  void add(
      long orderId,
      int account,
      long clientOrderId,
      boolean buy,
      long price,
      long quantity,
      int flags,
      long expiry) {
    if (slots.get(orderId) != NIL) {
      throw new IllegalArgumentException("duplicate order " + orderId);
    }
    int s = allocate();
    int b = base(s);
    records[b + ID] = orderId;
    records[b + CLIENT_ID] = clientOrderId;
    records[b + PRICE] = price;
    records[b + QUANTITY] = quantity;
    records[b + EXPIRY] = expiry;
    records[b + OWNER] = (account & 0xFFFF_FFFFL) | ((long) ((buy ? BUY : 0) | flags) << 32);
    slots.add(orderId, s);
    side(buy).append(s, NIL);
    size++;
    // The registry reads a new order back at once (its account's totals and client-id index).
    cachedId = orderId;
    cachedSlot = s;
  }

  @Override
  void remove(long orderId) {
    int s = slot(orderId);
    side(isBuySlot(s)).unlink(s);
    slots.remove(orderId, s);
    free(s);
    cachedSlot = NIL;
    size--;
  }

  @Override
  void move(long orderId, long price, long quantity) {
    int s = slot(orderId);
    Ladder side = side(isBuySlot(s));
    int hint = side.indexOf(s);
    side.unlink(s);
    records[base(s) + PRICE] = price;
    records[base(s) + QUANTITY] = quantity;
    // Unlinking may have dropped empty levels, which moves indices: then the hint is only a guess.
    side.append(s, hint);
  }

  @Override
  int handle(long orderId) {
    return slot(orderId);
  }

  @Override
  long idAt(int handle) {
    cachedId = field(handle, ID);
    cachedSlot = handle;
    return cachedId;
  }

  @Override
  public boolean contains(long orderId) {
    return (cachedSlot != NIL && orderId == cachedId) || slots.get(orderId) != NIL;
  }

  @Override
  void setQuantity(long orderId, long quantity) {
    records[base(slot(orderId)) + QUANTITY] = quantity;
  }

  @Override
  void setClientOrderId(long orderId, long clientOrderId) {
    records[base(slot(orderId)) + CLIENT_ID] = clientOrderId;
  }

  @Override
  public int account(long orderId) {
    return (int) field(slot(orderId), OWNER);
  }

  @Override
  public long clientOrderId(long orderId) {
    return field(slot(orderId), CLIENT_ID);
  }

  @Override
  public boolean isBuy(long orderId) {
    return isBuySlot(slot(orderId));
  }

  @Override
  public long price(long orderId) {
    return field(slot(orderId), PRICE);
  }

  @Override
  public long quantity(long orderId) {
    return field(slot(orderId), QUANTITY);
  }

  @Override
  public int flags(long orderId) {
    return flagBits(slot(orderId)) & ~BUY;
  }

  @Override
  public long expiry(long orderId) {
    return field(slot(orderId), EXPIRY);
  }

  @Override
  public long best(boolean buySide) {
    int s = side(buySide).bestSlot();
    if (s == NIL) {
      return NONE;
    }
    cachedId = field(s, ID);
    cachedSlot = s;
    return cachedId;
  }

  /** Leaves the one-entry cache alone: an amend asks this between questions about its order. */
  @Override
  public long bestPrice(boolean buySide) {
    return side(buySide).bestPrice();
  }

  @Override
  public long next(long orderId) {
    int s = slot(orderId);
    int nx = side(isBuySlot(s)).after(s);
    return nx == NIL ? NONE : field(nx, ID);
  }

  @Override
  public int size() {
    return size;
  }
}
