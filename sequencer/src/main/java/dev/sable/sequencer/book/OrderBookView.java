package dev.sable.sequencer.book;

/**
 * Reading the resting orders of one market, in price-time priority. Orders are addressed by their
 * order id; ask only about resting ids. What the engine hands to queries is a read-only wrapper
 * ({@link #readOnly}), so holding a view never lets a caller change a book.
 */
public interface OrderBookView {
  long NONE = -1;

  /** Order flag: must not match on arrival (kept so that an amend cannot make it cross). */
  int POST_ONLY = 1;

  /** Order flag: may only reduce its account's position. */
  int REDUCE_ONLY = 2;

  boolean contains(long orderId);

  int account(long orderId);

  long clientOrderId(long orderId);

  boolean isBuy(long orderId);

  long price(long orderId);

  long quantity(long orderId);

  /** {@link #POST_ONLY} and {@link #REDUCE_ONLY} bits. */
  int flags(long orderId);

  long expiry(long orderId);

  /** The first order in priority on a side, or {@link #NONE}. */
  long best(boolean buySide);

  /** The order after {@code orderId} in priority on its side, or {@link #NONE}. */
  long next(long orderId);

  int size();

  /** A view of {@code book} that cannot be cast back to it. */
  static OrderBookView readOnly(OrderBook book) {
    return new ReadOnlyOrderBook(book);
  }
}
