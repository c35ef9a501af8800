package dev.sable.sequencer.trading;

import dev.sable.sequencer.command.Command.AmendOrder;
import dev.sable.sequencer.command.Command.CancelAll;
import dev.sable.sequencer.command.Command.CancelOrder;
import dev.sable.sequencer.command.Command.PlaceOrder;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.core.OrderRegistry;
import dev.sable.sequencer.core.OrderTerms;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.margin.Margin;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.matching.Matcher;

/** Place, cancel, cancel-all and amend: validation, risk check, matching, resting. */
public final class OrderEntry {
  private final ExchangeState state;
  private final EventSink events;
  private final Margin margin;
  private final OrderRegistry orders;
  private final Matcher matcher;

  public OrderEntry(
      ExchangeState state, EventSink events, Margin margin, OrderRegistry orders, Matcher matcher) {
    this.state = state;
    this.events = events;
    this.margin = margin;
    this.orders = orders;
    this.matcher = matcher;
  }

  private static RejectReason tradable(Market m) {
    if (m.status() == MarketStatus.HALTED) {
      return RejectReason.MARKET_HALTED;
    }
    return m.status() == MarketStatus.SETTLED ? RejectReason.MARKET_SETTLED : null;
  }

  private static RejectReason priceAndSize(Market m, long price, long quantity) {
    if (quantity <= 0) {
      return RejectReason.NON_POSITIVE_SIZE;
    }
    if (price <= 0) {
      return RejectReason.NON_POSITIVE_PRICE;
    }
    if (price > m.spec().maxPrice()) {
      return RejectReason.PRICE_ABOVE_MAX;
    }
    if (price % m.spec().tickSize() != 0) {
      return RejectReason.BAD_TICK;
    }
    if (quantity % m.spec().lotSize() != 0) {
      return RejectReason.BAD_LOT;
    }
    // Bounds every product and sum of the risk check (see docs/sequencer.md, Bounds).
    if (quantity > m.spec().maxPosition()) {
      return RejectReason.QUANTITY_ABOVE_MAX;
    }
    return null;
  }

  /** A trader's account: exists and is not the insurance fund. */
  private Account trader(int accountId) {
    Account a = state.account(accountId);
    if (a == null) {
      events.reject(RejectReason.UNKNOWN_ACCOUNT);
    } else if (a.id() == Account.INSURANCE_FUND) {
      events.reject(RejectReason.FUND_ACCOUNT);
      return null;
    }
    return a;
  }

  public void place(PlaceOrder c) {
    Market m = state.market(c.market());
    if (m == null) {
      events.reject(RejectReason.UNKNOWN_MARKET);
      return;
    }
    Account a = trader(c.account());
    if (a == null) {
      return;
    }
    RejectReason reason = validate(c, m, a);
    if (reason != null) {
      events.reject(reason);
      return;
    }
    long orderId = orders.accept(a, m, c);
    long remaining =
        matcher.match(m, a, orderId, c.side().isBuy(), c.price(), c.quantity(), c.stp());
    if (remaining < c.quantity()) {
      orders.recordFill(a, c.clientOrderId());
    }
    if (remaining == 0) {
      return;
    }
    if (c.type().rests() && matcher.stopReason() == null) {
      orders.rest(m, a, orderId, c, remaining);
    } else {
      dropRemainder(a, m, orderId, c.clientOrderId(), remaining);
    }
  }

  private RejectReason validate(PlaceOrder c, Market m, Account a) {
    RejectReason reason = tradable(m);
    if (reason == null) {
      reason = priceAndSize(m, c.price(), c.quantity());
    }
    if (reason != null) {
      return reason;
    }
    reason = a.clientOrderIdRefusal(c.clientOrderId());
    if (reason != null) {
      return reason;
    }
    if (c.expiry() != 0 && c.expiry() <= state.now()) {
      return RejectReason.EXPIRED;
    }
    long active = a.activeMarkets();
    if ((active & (1L << m.id())) == 0 && Long.bitCount(active) >= Account.MAX_ACTIVE_MARKETS) {
      return RejectReason.TOO_MANY_POSITIONS;
    }
    boolean buy = c.side().isBuy();
    // A resting reduce-only order must fit beside the others; an immediate one only the position.
    if (c.reduceOnly()
        && !reduceOnlyFits(
            a, m, buy, c.quantity(), c.type().rests() ? a.reduceOnlyOpen(m.id()) : 0)) {
      return RejectReason.REDUCE_ONLY_WOULD_INCREASE;
    }
    if (c.type() == OrderType.POST_ONLY && Matcher.crosses(m.book(), buy, c.price())) {
      return RejectReason.POST_ONLY_WOULD_CROSS;
    }
    if (c.type() == OrderType.FOK
        && Matcher.fillable(m.book(), a.id(), buy, c.price(), c.quantity(), c.stp())
            < c.quantity()) {
      return RejectReason.FOK_NOT_FILLABLE;
    }
    return margin.checkOrder(a, m, buy, c.price(), c.quantity(), 0, false);
  }

  /** Whether a reduce-only order of this quantity, beside {@code others}, only reduces. */
  private static boolean reduceOnlyFits(
      Account a, Market m, boolean buy, long quantity, long others) {
    long size = a.size(m.id());
    long room = buy ? -size : size;
    return room > 0 && quantity <= room - others;
  }

  /**
   * An unfilled remainder that does not rest: an immediate order's, or one that self-trade
   * prevention or the fill-time margin check stopped.
   */
  private void dropRemainder(
      Account a, Market m, long orderId, long clientOrderId, long remaining) {
    CancelReason reason =
        matcher.stopReason() != null ? matcher.stopReason() : CancelReason.IOC_REMAINDER;
    events.accept(
        new Event.OrderCancelled(a.id(), m.id(), orderId, clientOrderId, remaining, reason));
  }

  /** The resting order of an account by client id, or NONE after rejecting. */
  private long resting(Account a, long clientOrderId) {
    if (clientOrderId < 0) {
      events.reject(RejectReason.BAD_CLIENT_ORDER_ID);
      return OrderBook.NONE;
    }
    long orderId = a.orderId(clientOrderId);
    if (orderId == OrderBook.NONE) {
      events.reject(RejectReason.UNKNOWN_ORDER);
    }
    return orderId;
  }

  public void cancel(CancelOrder c) {
    Account a = trader(c.account());
    if (a == null) {
      return;
    }
    long orderId = resting(a, c.clientOrderId());
    if (orderId != OrderBook.NONE) {
      // The account and market known without the order: see OrderRegistry.cancel.
      Market m = state.market(a.restingMarket(c.clientOrderId()));
      orders.cancel(a, m, orderId, CancelReason.USER);
    }
  }

  public void cancelAll(CancelAll c) {
    Account a = trader(c.account());
    if (a == null) {
      return;
    }
    Market only = null;
    if (c.market() != -1) {
      only = state.market(c.market());
      if (only == null) {
        events.reject(RejectReason.UNKNOWN_MARKET);
        return;
      }
    }
    orders.cancelAll(a, only, CancelReason.CANCEL_ALL);
  }

  /**
   * Amend: the resting order is replaced by a new signed order in its fill slot (new client id,
   * price and remaining quantity). A smaller quantity at the same price keeps time priority and is
   * changed in place; any other change takes the order out, checks it like a new order, and
   * re-enters it at the back of its (new) level, matching first if it now crosses. (An amend that
   * does not cross is the common case: it moves the order without building its terms.)
   */
  public void amend(AmendOrder c) {
    Account a = trader(c.account());
    if (a == null) {
      return;
    }
    long orderId = resting(a, c.clientOrderId());
    if (orderId == OrderBook.NONE) {
      return;
    }
    Market m = state.market(ExchangeState.marketOf(orderId));
    OrderBook book = m.book();
    RejectReason reason = amendId(c);
    if (reason == null) {
      reason = tradable(m);
    }
    if (reason == null) {
      reason = priceAndSize(m, c.price(), c.quantity());
    }
    long oldPrice = book.price(orderId);
    long oldQuantity = book.quantity(orderId);
    boolean buy = book.isBuy(orderId);
    if (reason == null && c.price() == oldPrice && c.quantity() == oldQuantity) {
      reason = RejectReason.AMEND_NO_CHANGE;
    }
    int flags = book.flags(orderId);
    boolean inPlace = c.price() == oldPrice && c.quantity() < oldQuantity;
    if (reason == null
        && (flags & OrderBook.REDUCE_ONLY) != 0
        && !reduceOnlyFits(a, m, buy, c.quantity(), a.reduceOnlyOpen(m.id()) - oldQuantity)) {
      reason = RejectReason.REDUCE_ONLY_WOULD_INCREASE;
    }
    if (reason == null && !inPlace) {
      if ((flags & OrderBook.POST_ONLY) != 0 && Matcher.crosses(book, buy, c.price())) {
        reason = RejectReason.POST_ONLY_WOULD_CROSS;
      } else {
        boolean worsePrice = buy ? c.price() > oldPrice : c.price() < oldPrice;
        reason = margin.checkOrder(a, m, buy, c.price(), c.quantity(), oldQuantity, worsePrice);
      }
    }
    if (reason != null) {
      events.reject(reason);
      return;
    }
    events.accept(
        new Event.OrderAmended(
            a.id(), orderId, c.newClientOrderId(), c.price(), c.quantity(), inPlace));
    if (inPlace) {
      orders.amendInPlace(m, orderId, c.newClientOrderId(), c.quantity());
    } else {
      reenter(a, m, orderId, c);
    }
  }

  /** The new client id: the old one plus a positive multiple of the fill slots (same slot). */
  private static RejectReason amendId(AmendOrder c) {
    // The old id rests, so it is >= 0; a larger new one is too, and their difference fits.
    return c.newClientOrderId() > c.clientOrderId()
            && c.newClientOrderId() != Long.MAX_VALUE
            && (c.newClientOrderId() - c.clientOrderId()) % Account.FILL_SLOTS == 0
        ? null
        : RejectReason.BAD_AMEND_ID;
  }

  /**
   * Re-enters an amended order at the back of its new level, with its ids, flags and expiry,
   * matching first (as a taker that cancels itself on a self-trade) if it now crosses.
   */
  private void reenter(Account a, Market m, long orderId, AmendOrder c) {
    OrderBook book = m.book();
    boolean buy = book.isBuy(orderId);
    if (!Matcher.crosses(book, buy, c.price())) {
      // Matching would fill nothing and stop at once: the order only moves to its new level.
      orders.requeue(m, a, orderId, c.newClientOrderId(), c.price(), c.quantity());
      return;
    }
    OrderTerms order =
        new OrderTerms(
            orderId,
            c.newClientOrderId(),
            buy,
            c.price(),
            book.flags(orderId),
            book.expiry(orderId));
    orders.unrest(m, orderId);
    long remaining =
        matcher.match(m, a, orderId, buy, c.price(), c.quantity(), StpMode.CANCEL_TAKER);
    if (remaining < c.quantity()) {
      orders.recordFill(a, c.newClientOrderId());
    }
    if (remaining == 0) {
      return;
    }
    if (matcher.stopReason() != null) {
      dropRemainder(a, m, orderId, c.newClientOrderId(), remaining);
    } else {
      orders.restAgain(m, a, order, remaining);
    }
  }
}
