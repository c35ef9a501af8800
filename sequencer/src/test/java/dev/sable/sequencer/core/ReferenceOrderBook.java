package dev.sable.sequencer.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tests' reference order book: a sorted map of price levels, each a list in arrival order. Slow
 * but easy to check by eye; the tests run the engine over it and over {@link ArrayOrderBook} and
 * compare. (The HashMap is only looked up, never iterated.)
 */
public final class ReferenceOrderBook extends OrderBook {

  private static final class Order {
    final long id;
    final int handle;
    final int account;
    long clientOrderId;
    final boolean buy;
    final int flags;
    final long expiry;
    long price;
    long quantity;

    Order(
        long id,
        int handle,
        int account,
        long clientOrderId,
        boolean buy,
        long price,
        long quantity,
        int flags,
        long expiry) {
      this.id = id;
      this.handle = handle;
      this.account = account;
      this.clientOrderId = clientOrderId;
      this.buy = buy;
      this.price = price;
      this.quantity = quantity;
      this.flags = flags;
      this.expiry = expiry;
    }
  }

  private final TreeMap<Long, List<Order>> bids = new TreeMap<>(Comparator.reverseOrder());
  private final TreeMap<Long, List<Order>> asks = new TreeMap<>();
  private final Map<Long, Order> byId = new HashMap<>();
  private final Map<Integer, Order> byHandle = new HashMap<>();
  private int nextHandle;

  private TreeMap<Long, List<Order>> side(boolean buy) {
    return buy ? bids : asks;
  }

  private Order order(long orderId) {
    Order o = byId.get(orderId);
    if (o == null) {
      throw new IllegalArgumentException("unknown order " + orderId);
    }
    return o;
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
    Order o =
        new Order(orderId, nextHandle, account, clientOrderId, buy, price, quantity, flags, expiry);
    if (byId.putIfAbsent(orderId, o) != null) {
      throw new IllegalArgumentException("duplicate order " + orderId);
    }
    byHandle.put(nextHandle++, o);
    link(o);
  }

  private void link(Order o) {
    side(o.buy).computeIfAbsent(o.price, p -> new ArrayList<>()).add(o);
  }

  private void unlink(Order o) {
    List<Order> level = side(o.buy).get(o.price);
    level.remove(o);
    if (level.isEmpty()) {
      side(o.buy).remove(o.price);
    }
  }

  @Override
  void remove(long orderId) {
    Order o = order(orderId);
    byId.remove(orderId);
    byHandle.remove(o.handle);
    unlink(o);
  }

  @Override
  void move(long orderId, long price, long quantity) {
    Order o = order(orderId);
    unlink(o);
    o.price = price;
    o.quantity = quantity;
    link(o);
  }

  @Override
  int handle(long orderId) {
    return order(orderId).handle;
  }

  @Override
  long idAt(int handle) {
    return byHandle.get(handle).id;
  }

  @Override
  public boolean contains(long orderId) {
    return byId.containsKey(orderId);
  }

  @Override
  void setQuantity(long orderId, long quantity) {
    order(orderId).quantity = quantity;
  }

  @Override
  void setClientOrderId(long orderId, long clientOrderId) {
    order(orderId).clientOrderId = clientOrderId;
  }

  @Override
  public int account(long orderId) {
    return order(orderId).account;
  }

  @Override
  public long clientOrderId(long orderId) {
    return order(orderId).clientOrderId;
  }

  @Override
  public boolean isBuy(long orderId) {
    return order(orderId).buy;
  }

  @Override
  public long price(long orderId) {
    return order(orderId).price;
  }

  @Override
  public long quantity(long orderId) {
    return order(orderId).quantity;
  }

  @Override
  public int flags(long orderId) {
    return order(orderId).flags;
  }

  @Override
  public long expiry(long orderId) {
    return order(orderId).expiry;
  }

  @Override
  public long best(boolean buySide) {
    Map.Entry<Long, List<Order>> first = side(buySide).firstEntry();
    return first == null ? NONE : first.getValue().get(0).id;
  }

  @Override
  public long bestPrice(boolean buySide) {
    Map.Entry<Long, List<Order>> first = side(buySide).firstEntry();
    return first == null ? NONE : first.getKey();
  }

  @Override
  public long next(long orderId) {
    Order o = order(orderId);
    TreeMap<Long, List<Order>> side = side(o.buy);
    List<Order> level = side.get(o.price);
    int i = level.indexOf(o);
    if (i + 1 < level.size()) {
      return level.get(i + 1).id;
    }
    Map.Entry<Long, List<Order>> after = side.higherEntry(o.price);
    return after == null ? NONE : after.getValue().get(0).id;
  }

  @Override
  public int size() {
    return byId.size();
  }
}
