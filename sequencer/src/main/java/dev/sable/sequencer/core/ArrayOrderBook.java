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
 *   <li>each side direct-indexes the levels of the prices around its first one (1,024 at first,
 *       widened to take in new prices up to 16,384): a window of level ids (a price finds its level
 *       with one load) and a bitmap of the non-empty ones (the next worse level, when the best
 *       empties or a walk leaves a level, is a scan of the bitmap). Prices outside the window keep
 *       their levels in a sorted array, searched for (an amend's next to its old level first, else
 *       by binary search); an empty one stays there until empty levels outnumber the others a few
 *       times over. The best non-empty level is tracked.
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

  /**
   * Set while the order's id is in {@link Slots}' ring (else it is in the map): its removal then
   * clears the ring entry with a store alone, without loading the entry first (on multi that line
   * is cold, and the load stalled a cancel or fill about as long as any of its other misses).
   */
  private static final int IN_RING = 8;

  /** The flag bits of {@link #OWNER} that are not the caller's. */
  private static final int OWN_BITS = BUY | IN_RING;

  /**
   * Longs before the first record: with a long[]'s 16-byte header they put the first record 64
   * bytes from the array's start, so in an array that starts on a cache line (a large one does: G1
   * places an array of half a region or more at a region's start) each record is exactly one line
   * instead of straddling two.
   */
  private static final int LEAD = 6;

  private long[] records = new long[LEAD + 64 * STRIDE];
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
    return LEAD + slot * STRIDE;
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
   * The price levels of one side, by sort key (bids by price, asks by negated price: the best level
   * has the highest key). Keys around the side's first key are direct-indexed (a window widened as
   * new keys come, up to {@link #MAX_WINDOW}): a window of level ids and a bitmap of the non-empty
   * ones, so finding a price's level is one load and finding the next worse non-empty level is a
   * scan of the bitmap. Keys outside the window are kept in a sorted array and searched for. Level
   * records (price, sorted index, first and last order, order count) are recycled through a free
   * list; a window level is freed as soon as it empties, an outside one stays in the sorted array
   * until empty ones outnumber the others.
   */
  private final class Ladder {
    /**
     * Empty outside levels are dropped once there are more than this many per non-empty one (plus a
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

    /** The window's width in keys when the side's first order arrives: 4 KiB of level ids. */
    private static final int FIRST_WINDOW = 1 << 10;

    /** The widest window: 64 KiB of level ids and 2 KiB of bitmap per side. */
    private static final int MAX_WINDOW = 1 << 14;

    private final boolean buy;

    /**
     * Sort keys of the levels outside the window, ascending, and their level ids, in {@code [first,
     * end)}: room is kept at both ends, so a level is inserted by moving the shorter side.
     */
    private long[] keys = new long[64];

    private int[] levels = new int[64];
    private int first = 32;
    private int end = 32;

    /** Non-empty levels in the sorted array. */
    private int outsideLive;

    /** The best non-empty level (NIL if none). */
    private int best = NIL;

    // Level records, by level id.
    private long[] prices = new long[64];

    /**
     * Per level, side by side (one cache line holds four levels' worth): its sorted index (NIL for
     * a window level; for a free level, the next free level), its first and last order's slot (NIL
     * if empty) and its order count.
     */
    private int[] meta = new int[64 * LEVEL];

    private int levelHighWater;

    /** Free level ids, linked through their INDEX entries. */
    private int freeLevel = NIL;

    /**
     * Level ids by key for the {@code window.length} keys from {@code windowBase} (NIL where no
     * level is in use), set around the side's first key and allocated with it, widened to take in
     * new keys up to {@link #MAX_WINDOW}; {@link #occupied} has a bit per entry, set while its
     * level is non-empty.
     */
    private int[] window;

    private long[] occupied;
    private long windowBase;

    Ladder(boolean buy) {
      this.buy = buy;
    }

    private long key(long price) {
      return buy ? price : -price;
    }

    private long keyOf(int level) {
      return key(prices[level]);
    }

    /** {@code key}'s entry in {@link #window}, or NIL if it lies outside. */
    private int windowEntry(long key) {
      // Unsigned, so a key below the base (or a difference that overflows) is outside.
      long offset = key - windowBase;
      return Long.compareUnsigned(offset, window.length) < 0 ? (int) offset : NIL;
    }

    /**
     * Widens the window (at least doubling it, at most to {@link #MAX_WINDOW}) so that it takes in
     * {@code key} as well as every key it had; false if no window that wide would. A key left out
     * is more than MAX_WINDOW from a window key, so no later (wider) window takes it in either: a
     * key in the sorted array is never in the window.
     */
    private boolean widen(long key) {
      int width = window.length;
      if (width == MAX_WINDOW || key == Long.MAX_VALUE) {
        return false;
      }
      long low = Math.min(windowBase, key);
      long span = Math.max(windowBase + width, key + 1) - low;
      if (Long.compareUnsigned(span, MAX_WINDOW) > 0) {
        return false;
      }
      placeWindow(low, span, Math.max(2 * width, Integer.highestOneBit((int) span - 1) << 1));
      return true;
    }

    /**
     * Sets a window of {@code width} keys centred on the {@code span} keys from {@code low}, moving
     * the old window's levels into it (it must cover them).
     */
    private void placeWindow(long low, long span, int width) {
      long pad = (width - span) / 2;
      // Kept within a long: the window's keys are base .. base + width - 1.
      long base = low >= Long.MIN_VALUE + pad ? low - pad : Long.MIN_VALUE;
      base = Math.min(base, Long.MAX_VALUE - width);
      int[] newWindow = new int[width];
      Arrays.fill(newWindow, NIL);
      long[] newOccupied = new long[width / 64];
      if (window != null) {
        int shift = (int) (windowBase - base);
        System.arraycopy(window, 0, newWindow, shift, window.length);
        for (int word = 0; word < occupied.length; word++) {
          for (long bits = occupied[word]; bits != 0; bits &= bits - 1) {
            int entry = shift + (word << 6) + Long.numberOfTrailingZeros(bits);
            newOccupied[entry >>> 6] |= 1L << entry;
          }
        }
      }
      window = newWindow;
      occupied = newOccupied;
      windowBase = base;
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

    /** The level at {@code price}, created (empty) if there is none. */
    private int levelAt(long price, int hint) {
      long key = key(price);
      if (window == null) {
        placeWindow(key, 1, FIRST_WINDOW);
      }
      int entry = windowEntry(key);
      if (entry == NIL && widen(key)) {
        entry = windowEntry(key);
      }
      if (entry != NIL) {
        int level = window[entry];
        if (level == NIL) {
          level = newLevel(price);
          meta[level * LEVEL + INDEX] = NIL;
          window[entry] = level;
        }
        return level;
      }
      int at = locate(key, hint);
      if (at < end && keys[at] == key) {
        return levels[at];
      }
      int level = newLevel(price);
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
      } else {
        System.arraycopy(keys, at, keys, at + 1, end - at);
        System.arraycopy(levels, at, levels, at + 1, end - at);
        end++;
        renumber(at + 1, end);
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

    /** Moves the sorted levels to the middle of arrays with room for as many again at each end. */
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

    private void freeLevel(int level) {
      meta[level * LEVEL + INDEX] = freeLevel;
      freeLevel = level;
    }

    /** Puts a slot (price already set) at the back of its price's level. */
    void append(int slot, int hint) {
      long price = field(slot, PRICE);
      int level = levelAt(price, hint);
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
        long key = key(price);
        int entry = windowEntry(key);
        if (entry != NIL) {
          occupied[entry >>> 6] |= 1L << entry;
        } else {
          outsideLive++;
        }
        if (best == NIL || key > keyOf(best)) {
          best = level;
        }
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

    /**
     * A level lost its last order: the best moves to the next worse level if it was the best; a
     * window level is freed at once, outside ones when they outnumber the others.
     */
    private void emptied(int level) {
      long key = keyOf(level);
      int entry = windowEntry(key);
      if (entry != NIL) {
        occupied[entry >>> 6] &= ~(1L << entry);
        window[entry] = NIL;
        freeLevel(level);
      } else {
        outsideLive--;
      }
      if (level == best) {
        best = worseThan(key);
      }
      if (entry == NIL && end - first - outsideLive > EMPTY_PER_LIVE * outsideLive + EMPTY_MARGIN) {
        dropEmptyLevels();
      }
    }

    /** Removes every empty level from the sorted array, freeing its record. */
    private void dropEmptyLevels() {
      int to = first;
      for (int i = first; i < end; i++) {
        int level = levels[i];
        if (meta[level * LEVEL + COUNT] == 0) {
          freeLevel(level);
        } else {
          keys[to] = keys[i];
          levels[to] = level;
          to++;
        }
      }
      end = to;
      recenter();
    }

    /** The best non-empty level whose key is below {@code key} (NIL if none). */
    private int worseThan(long key) {
      int inWindow = windowWorseThan(key);
      if (end == first) {
        return inWindow;
      }
      int i = lowerBound(key) - 1;
      while (i >= first && meta[levels[i] * LEVEL + COUNT] == 0) {
        i--;
      }
      if (i < first) {
        return inWindow;
      }
      return inWindow != NIL && keyOf(inWindow) > keys[i] ? inWindow : levels[i];
    }

    /** The highest non-empty window level whose key is below {@code key} (NIL if none). */
    private int windowWorseThan(long key) {
      if (window == null || key <= windowBase) {
        return NIL;
      }
      int entry = windowEntry(key);
      int below = entry == NIL ? window.length : entry;
      int word = (below - 1) >>> 6;
      // The entries below `below` in its word (all of them when it ends the word).
      long bits = occupied[word] & (-1L >>> (63 - ((below - 1) & 63)));
      while (bits == 0) {
        if (--word < 0) {
          return NIL;
        }
        bits = occupied[word];
      }
      return window[(word << 6) + 63 - Long.numberOfLeadingZeros(bits)];
    }

    int bestSlot() {
      return best == NIL ? NIL : firstOf(best);
    }

    long bestPrice() {
      return best == NIL ? NONE : prices[best];
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
      int worse = worseThan(keyOf(levelOf(slot)));
      return worse == NIL ? NIL : firstOf(worse);
    }

    /**
     * The sorted index of a slot's level (NIL in the window): a hint for finding a nearby price.
     */
    int indexOf(int slot) {
      return meta[levelOf(slot) * LEVEL + INDEX];
    }
  }

  /**
   * Order id to slot. Order ids are handed out in sequence ({@code sequence << 6 | market}), so a
   * recent id picks its entry in a direct-mapped ring by the low bits of its sequence; an order
   * still resting when a newer id needs its entry moves to a hash map. An order that leaves within
   * ring's length of newer orders costs no hashing at all. The ring starts at {@link #RING} entries
   * and doubles when a new id's entry is still taken while it has fewer than {@link
   * #RING_PER_ORDER} entries per resting order (up to {@link #MAX_RING}): on a deep book, whose
   * orders rest long, a new order then seldom evicts one to the map (reading the occupant's record
   * and writing the map, two cache misses), at 4 bytes an entry against the map's 16 at up to half
   * full. A new order's duplicate check looks up only an id at or below the highest id added (an
   * amend that crosses puts its order back under its id; a restore adds ids in any order): a fresh
   * id is above them all, and on a deep book its lookup was a probe of the map (its ring entry
   * holds an older order still resting).
   */
  private final class Slots {
    private static final int RING = 1 << 14;

    private static final int RING_PER_ORDER = 4;

    /** 16 MiB of ring: a book of more than a million resting orders uses the map beyond. */
    private static final int MAX_RING = 1 << 22;

    private int[] ring = new int[RING];
    private final LongLongHashMap older = new LongLongHashMap(1024);

    /** The highest id ever added: a higher one rests nowhere, so adding it needs no lookup. */
    private long newest = Long.MIN_VALUE;

    Slots() {
      Arrays.fill(ring, NIL);
    }

    private int entry(long orderId) {
      return (int) (orderId >>> 6) & (ring.length - 1);
    }

    /** The slot of a resting order, or NIL. */
    int get(long orderId) {
      int s = ring[entry(orderId)];
      if (s != NIL && field(s, ID) == orderId) {
        return s;
      }
      return older.size() == 0 ? NIL : (int) older.get(orderId, NIL);
    }

    /** Whether an order with this id rests; one above every id added does not, without a lookup. */
    boolean holds(long orderId) {
      return orderId <= newest && get(orderId) != NIL;
    }

    /** Records the slot of a new order (whose id does not rest yet; its record marked in ring). */
    void add(long orderId, int slot) {
      newest = Math.max(newest, orderId);
      int e = entry(orderId);
      int occupant = ring[e];
      if (occupant != NIL && ring.length < MAX_RING && ring.length < RING_PER_ORDER * size) {
        grow();
        e = entry(orderId);
        occupant = ring[e];
      }
      if (occupant != NIL) {
        older.put(field(occupant, ID), occupant);
        records[base(occupant) + OWNER] &= ~((long) IN_RING << 32);
      }
      ring[e] = slot;
    }

    /**
     * Doubles the ring. Ids sharing an entry of the doubled ring shared one before, so every order
     * in the ring keeps an entry; those in the map stay there (a lookup tries the ring first).
     */
    private void grow() {
      int[] old = ring;
      ring = new int[old.length * 2];
      Arrays.fill(ring, NIL);
      for (int s : old) {
        if (s != NIL) {
          ring[entry(field(s, ID))] = s;
        }
      }
    }

    void remove(long orderId, int slot) {
      if ((flagBits(slot) & IN_RING) != 0) {
        ring[entry(orderId)] = NIL;
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
      records = Arrays.copyOf(records, LEAD + highWater * 2 * STRIDE);
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
    if (slots.holds(orderId)) {
      throw new IllegalArgumentException("duplicate order " + orderId);
    }
    int s = allocate();
    int b = base(s);
    records[b + ID] = orderId;
    records[b + CLIENT_ID] = clientOrderId;
    records[b + PRICE] = price;
    records[b + QUANTITY] = quantity;
    records[b + EXPIRY] = expiry;
    records[b + OWNER] =
        (account & 0xFFFF_FFFFL) | ((long) ((buy ? BUY : 0) | IN_RING | flags) << 32);
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
    return flagBits(slot(orderId)) & ~OWN_BITS;
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
