package dev.sable.sequencer.book;

/**
 * The resting orders of one market, in price-time priority. Orders are addressed by their order id;
 * it is the caller's job to keep ids unique and to ask only about resting ids. The engine's book is
 * {@link ArrayOrderBook} (primitive arrays, allocation-free, fast); the tests hold a second,
 * ReferenceOrderBook (plain collections, obviously right), and run both under the same tests.
 */
public interface OrderBook {
  long NONE = -1;

  /** Order flag: must not match on arrival (kept so that an amend cannot make it cross). */
  int POST_ONLY = 1;

  /** Order flag: may only reduce its account's position. */
  int REDUCE_ONLY = 2;

  /** Appends an order at the back of its price level. */
  void add(
      long orderId,
      int account,
      long clientOrderId,
      boolean buy,
      long price,
      long quantity,
      int flags,
      long expiry);

  void remove(long orderId);

  boolean contains(long orderId);

  /** Changes the remaining quantity (> 0) in place, keeping time priority. */
  void setQuantity(long orderId, long quantity);

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
}
