package dev.sable.sequencer.core;

import dev.sable.sequencer.util.LongLongHashMap;
import java.util.Arrays;

/**
 * The fast order book. Orders live in parallel primitive arrays (slots, recycled through a free
 * list) and form an intrusive doubly linked list per price level. Each side keeps its levels in a
 * sorted array with the best level last, so taking or removing the best level is O(1) and inserting
 * a level is a binary search plus a short array copy. Order id to slot is a primitive hash map. No
 * allocation after warm-up except when arrays grow.
 */
public final class ArrayOrderBook extends OrderBook {
  private static final int NIL = -1;

  /** Stored with the caller's flags (bits 0 and 1) in one byte. */
  private static final int BUY = 4;

  private long[] ids = new long[64];
  private long[] clientIds = new long[64];
  private long[] prices = new long[64];
  private long[] quantities = new long[64];
  private long[] expiries = new long[64];
  private int[] accounts = new int[64];
  private int[] next = new int[64];
  private int[] prev = new int[64];
  private byte[] flagBits = new byte[64];
  private int highWater;
  private int freeHead = NIL;
  private int size;

  private final LongLongHashMap slotById = new LongLongHashMap(1024);
  private final Ladder bids = new Ladder(true);
  private final Ladder asks = new Ladder(false);

  // One-entry cache: the matcher asks several questions about the same order in a row. Empty while
  // cachedSlot is NIL, so no id (not even NONE) hits it then.
  private long cachedId = NONE;
  private int cachedSlot = NIL;

  /** The price levels of one side, sorted so that the best level is at index n - 1. */
  private final class Ladder {
    private final boolean buy;
    private long[] keys = new long[64];
    private int[] heads = new int[64];
    private int[] tails = new int[64];
    private int n;

    Ladder(boolean buy) {
      this.buy = buy;
    }

    /** Bids sort by price, asks by negated price: ascending keys put the best level last. */
    private long key(long price) {
      return buy ? price : -price;
    }

    int find(long price) {
      return Arrays.binarySearch(keys, 0, n, key(price));
    }

    void append(int slot) {
      long price = prices[slot];
      int i = find(price);
      next[slot] = NIL;
      if (i >= 0) {
        int tail = tails[i];
        next[tail] = slot;
        prev[slot] = tail;
        tails[i] = slot;
        return;
      }
      int at = -i - 1;
      if (n == keys.length) {
        keys = Arrays.copyOf(keys, n * 2);
        heads = Arrays.copyOf(heads, n * 2);
        tails = Arrays.copyOf(tails, n * 2);
      }
      System.arraycopy(keys, at, keys, at + 1, n - at);
      System.arraycopy(heads, at, heads, at + 1, n - at);
      System.arraycopy(tails, at, tails, at + 1, n - at);
      keys[at] = key(price);
      heads[at] = slot;
      tails[at] = slot;
      prev[slot] = NIL;
      n++;
    }

    void unlink(int slot) {
      int i = find(prices[slot]);
      int p = prev[slot];
      int nx = next[slot];
      if (p == NIL) {
        heads[i] = nx;
      } else {
        next[p] = nx;
      }
      if (nx == NIL) {
        tails[i] = p;
      } else {
        prev[nx] = p;
      }
      if (heads[i] == NIL) {
        System.arraycopy(keys, i + 1, keys, i, n - i - 1);
        System.arraycopy(heads, i + 1, heads, i, n - i - 1);
        System.arraycopy(tails, i + 1, tails, i, n - i - 1);
        n--;
      }
    }

    int bestSlot() {
      return n == 0 ? NIL : heads[n - 1];
    }

    /** The head of the next worse level after the level of {@code slot}. */
    int nextLevelHead(int slot) {
      int i = find(prices[slot]);
      return i > 0 ? heads[i - 1] : NIL;
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
      freeHead = next[s];
      return s;
    }
    if (highWater == ids.length) {
      int cap = highWater * 2;
      ids = Arrays.copyOf(ids, cap);
      clientIds = Arrays.copyOf(clientIds, cap);
      prices = Arrays.copyOf(prices, cap);
      quantities = Arrays.copyOf(quantities, cap);
      expiries = Arrays.copyOf(expiries, cap);
      accounts = Arrays.copyOf(accounts, cap);
      next = Arrays.copyOf(next, cap);
      prev = Arrays.copyOf(prev, cap);
      flagBits = Arrays.copyOf(flagBits, cap);
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
    if (slotById.containsKey(orderId)) {
      throw new IllegalArgumentException("duplicate order " + orderId);
    }
    int s = allocate();
    ids[s] = orderId;
    accounts[s] = account;
    clientIds[s] = clientOrderId;
    prices[s] = price;
    quantities[s] = quantity;
    expiries[s] = expiry;
    flagBits[s] = (byte) ((buy ? BUY : 0) | flags);
    side(buy).append(s);
    slotById.put(orderId, s);
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
    next[s] = freeHead;
    freeHead = s;
    cachedSlot = NIL;
    size--;
  }

  private boolean isBuySlot(int s) {
    return (flagBits[s] & BUY) != 0;
  }

  @Override
  public boolean contains(long orderId) {
    return (cachedSlot != NIL && orderId == cachedId) || slotById.containsKey(orderId);
  }

  @Override
  void setQuantity(long orderId, long quantity) {
    quantities[slot(orderId)] = quantity;
  }

  @Override
  void setClientOrderId(long orderId, long clientOrderId) {
    clientIds[slot(orderId)] = clientOrderId;
  }

  @Override
  public int account(long orderId) {
    return accounts[slot(orderId)];
  }

  @Override
  public long clientOrderId(long orderId) {
    return clientIds[slot(orderId)];
  }

  @Override
  public boolean isBuy(long orderId) {
    return isBuySlot(slot(orderId));
  }

  @Override
  public long price(long orderId) {
    return prices[slot(orderId)];
  }

  @Override
  public long quantity(long orderId) {
    return quantities[slot(orderId)];
  }

  @Override
  public int flags(long orderId) {
    return flagBits[slot(orderId)] & ~BUY;
  }

  @Override
  public long expiry(long orderId) {
    return expiries[slot(orderId)];
  }

  @Override
  public long best(boolean buySide) {
    int s = side(buySide).bestSlot();
    if (s == NIL) {
      return NONE;
    }
    cachedId = ids[s];
    cachedSlot = s;
    return cachedId;
  }

  @Override
  public long next(long orderId) {
    int s = slot(orderId);
    int nx = next[s];
    if (nx == NIL) {
      nx = side(isBuySlot(s)).nextLevelHead(s);
    }
    return nx == NIL ? NONE : ids[nx];
  }

  @Override
  public int size() {
    return size;
  }
}
