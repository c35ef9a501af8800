package dev.sable.sequencer.core;

import dev.sable.sequencer.command.Command.PlaceOrder;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.snapshot.EngineImage.RestingOrder;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Resting orders across the book, the owning account's open-order totals and client-id index, and
 * the expiry queue, kept in step. Every order entering or leaving a book goes through here, and
 * order ids are assigned here.
 */
public final class OrderRegistry {
  private record Expiry(long time, long orderId) {}

  private final ExchangeState state;
  private final EventSink events;
  private final PriorityQueue<Expiry> expiries =
      new PriorityQueue<>(
          Comparator.comparingLong(Expiry::time).thenComparingLong(Expiry::orderId));

  OrderRegistry(ExchangeState state, EventSink events) {
    this.state = state;
    this.events = events;
  }

  /** A fresh order id in market {@code m} (for an order that never rests, too). */
  public long newOrderId(Market m) {
    return state.newOrderId(m.id());
  }

  /**
   * Accepts a new order: assigns its id and reports it. The account counts as changed only once the
   * order rests or fills (an order that does neither changes none of its numbers).
   */
  public long accept(Account a, Market m, PlaceOrder c) {
    long orderId = state.newOrderId(m.id());
    events.accept(
        new Event.OrderAccepted(
            a.id(), m.id(), c.clientOrderId(), orderId, c.side(), c.price(), c.quantity()));
    return orderId;
  }

  /** The market's book if the order id is resting, else null. */
  public Market marketOfResting(long orderId) {
    Market m = state.market(ExchangeState.marketOf(orderId));
    return m != null && m.book.contains(orderId) ? m : null;
  }

  /**
   * Puts the unfilled {@code quantity} of a newly accepted order in its book; one with an expiry
   * joins the expiry queue.
   */
  public void rest(Market m, Account a, long orderId, PlaceOrder order, long quantity) {
    int flags =
        (order.type() == OrderType.POST_ONLY ? OrderBook.POST_ONLY : 0)
            | (order.reduceOnly() ? OrderBook.REDUCE_ONLY : 0);
    m.book.add(
        orderId,
        a.id(),
        order.clientOrderId(),
        order.side().isBuy(),
        order.price(),
        quantity,
        flags,
        order.expiry());
    booked(m, a, orderId);
    if (order.expiry() != 0) {
      expiries.add(new Expiry(order.expiry(), orderId));
    }
  }

  /**
   * Puts an amended order back in its book after matching. It keeps its expiry, which is later than
   * now, so its queue entry is still there and is not added again.
   */
  public void restAgain(Market m, Account a, OrderTerms order, long quantity) {
    m.book.add(
        order.orderId(),
        a.id(),
        order.clientOrderId(),
        order.buy(),
        order.price(),
        quantity,
        order.flags(),
        order.expiry());
    booked(m, a, order.orderId());
  }

  /**
   * Books an order of a snapshot again (no event): its book, its account's open totals and
   * client-id index, and the expiry queue, as {@link #rest} left them.
   */
  void restore(Market m, Account a, RestingOrder o, boolean buy) {
    m.book.add(
        o.orderId(),
        a.id(),
        o.clientOrderId(),
        buy,
        o.price(),
        o.quantity(),
        o.flags(),
        o.expiry());
    booked(m, a, o.orderId());
    if (o.expiry() != 0) {
      expiries.add(new Expiry(o.expiry(), o.orderId()));
    }
  }

  /** The account's side of an order just added to the book: open totals, its fill slot. */
  private void booked(Market m, Account a, long orderId) {
    OrderBook book = m.book;
    a.ensureMarket(m.id());
    addOpen(a, m.id(), book.isBuy(orderId), book.flags(orderId), book.quantity(orderId));
    a.rest(
        Account.fillSlot(book.clientOrderId(orderId)), (long) book.handle(orderId) << 6 | m.id());
  }

  /**
   * Records that an account's order filled: its fill slot's last filled client order id, which a
   * new order in the slot must exceed (docs/settlement.md, "Orders").
   */
  public void recordFill(Account a, long clientOrderId) {
    a.recordFill(clientOrderId);
  }

  /** Entries in the expiry queue, including those of orders already gone (pruned lazily). */
  int queuedExpiries() {
    return expiries.size();
  }

  /**
   * Adds {@code delta} to the account's open quantity on one side. A zero delta (an amend that only
   * moves its order) changes none of the account's numbers, so the account does not count as
   * changed: the state hash then records no copy of it (docs/sequencer.md, "State hash").
   */
  private void addOpen(Account a, int market, boolean buy, int flags, long delta) {
    if (delta == 0) {
      return;
    }
    // Both sides read, so that the row's load does not wait for the order's side (a cancel's
    // order record is a cache miss of its own, see cancel); chosen without a branch (sides are
    // random: a branch on them mispredicts).
    long openBuy = a.get(market, Account.OPEN_BUY);
    long openSell = a.get(market, Account.OPEN_SELL);
    int field = buy ? Account.OPEN_BUY : Account.OPEN_SELL;
    a.set(market, field, Math.addExact(buy ? openBuy : openSell, delta));
    if ((flags & OrderBook.REDUCE_ONLY) != 0) {
      a.set(
          market,
          Account.REDUCE_ONLY_OPEN,
          Math.addExact(a.get(market, Account.REDUCE_ONLY_OPEN), delta));
    }
    a.refreshActive(market);
    state.touch(a.id());
  }

  /** Takes an order out of its book without an event (filled, or replaced by an amend). */
  public void unrest(Market m, long orderId) {
    unrest(state.account(m.book.account(orderId)), m, orderId);
  }

  /** Takes an order of account {@code a} out of its book without an event. */
  private void unrest(Account a, Market m, long orderId) {
    OrderBook book = m.book;
    addOpen(a, m.id(), book.isBuy(orderId), book.flags(orderId), -book.quantity(orderId));
    a.unrest(Account.fillSlot(book.clientOrderId(orderId)));
    book.remove(orderId);
  }

  /**
   * Moves a resting order of account {@code a} to the back of the level at {@code price}, with a
   * new client order id (in the same fill slot) and quantity: what taking it out and putting it
   * back does when it matches nothing in between (an amend that does not cross), without building
   * its terms. The account's index keeps it: the new client id is in the same slot.
   */
  public void requeue(
      Market m, Account a, long orderId, long clientOrderId, long price, long quantity) {
    OrderBook book = m.book;
    addOpen(a, m.id(), book.isBuy(orderId), book.flags(orderId), quantity - book.quantity(orderId));
    book.setClientOrderId(orderId, clientOrderId);
    book.move(orderId, price, quantity);
  }

  /**
   * An amend that keeps time priority: the resting order takes the new client order id (in the same
   * fill slot) and the smaller quantity in place.
   */
  public void amendInPlace(Market m, long orderId, long clientOrderId, long quantity) {
    setQuantity(m, orderId, quantity);
    m.book.setClientOrderId(orderId, clientOrderId); // the same slot: the account's index holds
  }

  /** Removes a resting order and reports its cancellation. */
  public void cancel(Market m, long orderId, CancelReason reason) {
    cancel(state.account(m.book.account(orderId)), m, orderId, reason);
  }

  /**
   * Removes a resting order of account {@code a} in market {@code m} and reports its cancellation.
   * A caller that knows both without the order (a cancel by client id: the account's index holds
   * the market) lets the account's row load beside the order's record instead of after it.
   */
  public void cancel(Account a, Market m, long orderId, CancelReason reason) {
    OrderBook book = m.book;
    long clientOrderId = book.clientOrderId(orderId);
    long remaining = book.quantity(orderId);
    unrest(a, m, orderId);
    events.accept(
        new Event.OrderCancelled(a.id(), m.id(), orderId, clientOrderId, remaining, reason));
  }

  /** Changes a resting order's quantity in place (partial fill or amend down). */
  public void setQuantity(Market m, long orderId, long quantity) {
    OrderBook book = m.book;
    Account a = state.account(book.account(orderId));
    addOpen(a, m.id(), book.isBuy(orderId), book.flags(orderId), quantity - book.quantity(orderId));
    book.setQuantity(orderId, quantity);
  }

  /**
   * Keeps resting reduce-only orders reducing after the account's position changed: those on the
   * wrong side (or all, if flat) are cancelled, then the newest go until the rest fit the position.
   */
  public void trimReduceOnly(Account a, Market m) {
    int i = m.id();
    if (a.reduceOnlyOpen(i) == 0) {
      return;
    }
    long size = a.size(i);
    long[] ids = a.restingOrderIds();
    for (long id : ids) {
      if (isReduceOnlyIn(m, id) && (size == 0 || m.book.isBuy(id) != size < 0)) {
        cancel(a, m, id, CancelReason.REDUCE_ONLY);
      }
    }
    for (int k = ids.length - 1; k >= 0 && a.reduceOnlyOpen(i) > Math.abs(size); k--) {
      if (isReduceOnlyIn(m, ids[k])) {
        cancel(a, m, ids[k], CancelReason.REDUCE_ONLY);
      }
    }
  }

  private static boolean isReduceOnlyIn(Market m, long orderId) {
    return ExchangeState.marketOf(orderId) == m.id()
        && m.book.contains(orderId)
        && (m.book.flags(orderId) & OrderBook.REDUCE_ONLY) != 0;
  }

  /** Cancels all orders of an account (in one market, or all when market is null), by order id. */
  public void cancelAll(Account a, Market only, CancelReason reason) {
    for (long orderId : a.restingOrderIds()) {
      int market = ExchangeState.marketOf(orderId);
      if (only == null || only.id() == market) {
        cancel(a, state.market(market), orderId, reason);
      }
    }
  }

  /** Cancels every resting order whose expiry is at or before now, earliest first. */
  public void expire(long now) {
    while (!expiries.isEmpty() && expiries.peek().time() <= now) {
      long orderId = expiries.poll().orderId();
      Market m = marketOfResting(orderId);
      // Entries of orders already gone (filled, cancelled, or amended) are skipped.
      if (m != null && m.book.expiry(orderId) <= now) {
        cancel(m, orderId, CancelReason.EXPIRED);
      }
    }
  }
}
