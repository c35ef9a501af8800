package dev.sable.sequencer.core;

import dev.sable.sequencer.util.LongLongHashMap;
import java.util.Arrays;

/**
 * The fast order book. Each order is one 64-byte record in a single {@code long[]} (slots recycled
 * through a free list), so reading or relinking an order touches one cache line rather than one per
 * field; orders form an intrusive doubly linked list per price level, and each order knows its
 * level, so taking it out is O(1). Each side keeps its levels' prices in a sorted array with the
 * best level last, so taking or removing the best level is O(1) and finding a level is a binary
 * search (plus a short array copy to insert or drop one). Order id to slot is a primitive hash map,
 * used only when an order arrives, leaves, or is asked about by id. No allocation after warm-up
 * except when arrays grow.
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

  /** Next slot in the level (low 32 bits; the free list's link for a free slot), previous above. */
  private static final int LINKS = 6;

  /** The level the order rests in, an index into its side's level arrays. */
  private static final int LEVEL = 7;

  /** Stored with the caller's flags (bits 0 and 1). */
  private static final int BUY = 4;

  private long[] records = new long[64 * STRIDE];
  private int highWater;
  private int freeHead = NIL;
  private int size;

  private final LongLongHashMap slotById = new LongLongHashMap(1024);
  private final Ladder bids = new Ladder(true);
  private final Ladder asks = new Ladder(false);

  // One-entry cache: the engine asks several questions about the same order in a row. Empty while
  // cachedSlot is NIL, so no id (not even NONE) hits it then.
  private long cachedId = NONE;
  private int cachedSlot = NIL;

  private static int base(int slot) {
    return slot * STRIDE;
  }

  private int nextOf(int s) {
    return (int) records[base(s) + LINKS];
  }

  private int prevOf(int s) {
    return (int) (records[base(s) + LINKS] >> 32);
  }

  private void setNext(int s, int next) {
    int i = base(s) + LINKS;
    records[i] = (records[i] & 0xFFFF_FFFF_0000_0000L) | (next & 0xFFFF_FFFFL);
  }

  private void setPrev(int s, int prev) {
    int i = base(s) + LINKS;
    records[i] = (records[i] & 0xFFFF_FFFFL) | ((long) prev << 32);
  }

  private static long links(int next, int prev) {
    return (next & 0xFFFF_FFFFL) | ((long) prev << 32);
  }

  private int flagBits(int s) {
    return (int) (records[base(s) + OWNER] >>> 32);
  }

  private boolean isBuySlot(int s) {
    return (flagBits(s) & BUY) != 0;
  }

  private long priceOf(int s) {
    return records[base(s) + PRICE];
  }

  /**
   * The price levels of one side: level records (price, first and last order) recycled through a
   * free list, and the levels in use sorted so that the best is at index n - 1.
   */
  private final class Ladder {
    private final boolean buy;

    /** Sort keys of the levels in use, ascending (best last), and their level indices. */
    private long[] keys = new long[64];

    private int[] order = new int[64];
    private int n;

    /** Level records; a free level's head is the free list's link. */
    private long[] prices = new long[64];

    private int[] heads = new int[64];
    private int[] tails = new int[64];
    private int levelHighWater;
    private int freeLevel = NIL;

    Ladder(boolean buy) {
      this.buy = buy;
    }

    /** Bids sort by price, asks by negated price: ascending keys put the best level last. */
    private long key(long price) {
      return buy ? price : -price;
    }

    /** The position of a price's level among the sorted levels (as Arrays.binarySearch). */
    private int position(long price) {
      return Arrays.binarySearch(keys, 0, n, key(price));
    }

    /** The level at {@code price}, created (empty) if there is none. */
    private int levelAt(long price) {
      int i = position(price);
      if (i >= 0) {
        return order[i];
      }
      int level = newLevel(price);
      int at = -i - 1;
      if (n == keys.length) {
        keys = Arrays.copyOf(keys, n * 2);
        order = Arrays.copyOf(order, n * 2);
      }
      System.arraycopy(keys, at, keys, at + 1, n - at);
      System.arraycopy(order, at, order, at + 1, n - at);
      keys[at] = key(price);
      order[at] = level;
      n++;
      return level;
    }

    private int newLevel(long price) {
      int level;
      if (freeLevel != NIL) {
        level = freeLevel;
        freeLevel = heads[level];
      } else {
        if (levelHighWater == prices.length) {
          int cap = levelHighWater * 2;
          prices = Arrays.copyOf(prices, cap);
          heads = Arrays.copyOf(heads, cap);
          tails = Arrays.copyOf(tails, cap);
        }
        level = levelHighWater++;
      }
      prices[level] = price;
      heads[level] = NIL;
      tails[level] = NIL;
      return level;
    }

    /** Links a slot (price already set) at the back of its price's level. */
    void append(int slot) {
      int level = levelAt(priceOf(slot));
      int tail = tails[level];
      records[base(slot) + LEVEL] = level;
      records[base(slot) + LINKS] = links(NIL, tail);
      if (tail == NIL) {
        heads[level] = slot;
      } else {
        setNext(tail, slot);
      }
      tails[level] = slot;
    }

    void unlink(int slot) {
      int level = (int) records[base(slot) + LEVEL];
      int p = prevOf(slot);
      int nx = nextOf(slot);
      if (p == NIL) {
        heads[level] = nx;
      } else {
        setNext(p, nx);
      }
      if (nx == NIL) {
        tails[level] = p;
      } else {
        setPrev(nx, p);
      }
      if (heads[level] == NIL) {
        dropLevel(level);
      }
    }

    private void dropLevel(int level) {
      int i = position(prices[level]);
      System.arraycopy(keys, i + 1, keys, i, n - i - 1);
      System.arraycopy(order, i + 1, order, i, n - i - 1);
      n--;
      heads[level] = freeLevel;
      freeLevel = level;
    }

    int bestSlot() {
      return n == 0 ? NIL : heads[order[n - 1]];
    }

    long bestPrice() {
      return n == 0 ? NONE : prices[order[n - 1]];
    }

    /** The head of the next worse level after the level of {@code slot}. */
    int nextLevelHead(int slot) {
      int i = position(priceOf(slot));
      return i > 0 ? heads[order[i - 1]] : NIL;
    }
  }

  private Ladder side(boolean buy) {
    return buy ? bids : asks;
  }

  private int slot(long orderId) {
    if (cachedSlot != NIL && orderId == cachedId) {
      return cachedSlot;
    }
    long s = slotById.get(orderId, NIL);
    if (s == NIL) {
      throw new IllegalArgumentException("unknown order " + orderId);
    }
    cachedId = orderId;
    cachedSlot = (int) s;
    return cachedSlot;
  }

  private int allocate() {
    if (freeHead != NIL) {
      int s = freeHead;
      freeHead = nextOf(s);
      return s;
    }
    if (base(highWater) == records.length) {
      records = Arrays.copyOf(records, records.length * 2);
    }
    return highWater++;
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
    int s = allocate();
    if (slotById.putIfAbsent(orderId, s, NIL) != NIL) {
      records[base(s) + LINKS] = links(freeHead, NIL);
      freeHead = s;
      throw new IllegalArgumentException("duplicate order " + orderId);
    }
    int b = base(s);
    records[b + ID] = orderId;
    records[b + CLIENT_ID] = clientOrderId;
    records[b + PRICE] = price;
    records[b + QUANTITY] = quantity;
    records[b + EXPIRY] = expiry;
    records[b + OWNER] = (account & 0xFFFF_FFFFL) | ((long) ((buy ? BUY : 0) | flags) << 32);
    side(buy).append(s);
    size++;
    // The registry reads a new order back at once (its account's totals and client-id index).
    cachedId = orderId;
    cachedSlot = s;
  }

  @Override
  void remove(long orderId) {
    int s = slot(orderId);
    side(isBuySlot(s)).unlink(s);
    slotById.remove(orderId, NIL);
    records[base(s) + LINKS] = links(freeHead, NIL);
    freeHead = s;
    cachedSlot = NIL;
    size--;
  }

  @Override
  void move(long orderId, long price, long quantity) {
    int s = slot(orderId);
    Ladder side = side(isBuySlot(s));
    side.unlink(s);
    records[base(s) + PRICE] = price;
    records[base(s) + QUANTITY] = quantity;
    side.append(s);
  }

  @Override
  public boolean contains(long orderId) {
    return (cachedSlot != NIL && orderId == cachedId) || slotById.containsKey(orderId);
  }

  @Override
  void setQuantity(long orderId, long quantity) {
    records[base(slot(orderId)) + QUANTITY] = quantity;
  }

  @Override
  public int account(long orderId) {
    return (int) records[base(slot(orderId)) + OWNER];
  }

  @Override
  public long clientOrderId(long orderId) {
    return records[base(slot(orderId)) + CLIENT_ID];
  }

  @Override
  public boolean isBuy(long orderId) {
    return isBuySlot(slot(orderId));
  }

  @Override
  public long price(long orderId) {
    return priceOf(slot(orderId));
  }

  @Override
  public long quantity(long orderId) {
    return records[base(slot(orderId)) + QUANTITY];
  }

  @Override
  public int flags(long orderId) {
    return flagBits(slot(orderId)) & ~BUY;
  }

  @Override
  public long expiry(long orderId) {
    return records[base(slot(orderId)) + EXPIRY];
  }

  @Override
  public long best(boolean buySide) {
    int s = side(buySide).bestSlot();
    if (s == NIL) {
      return NONE;
    }
    cachedId = records[base(s) + ID];
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
    int nx = nextOf(s);
    if (nx == NIL) {
      nx = side(isBuySlot(s)).nextLevelHead(s);
    }
    return nx == NIL ? NONE : records[base(nx) + ID];
  }

  @Override
  public int size() {
    return size;
  }
}
