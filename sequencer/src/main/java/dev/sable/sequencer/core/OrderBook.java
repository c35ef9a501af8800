package dev.sable.sequencer.core;

/**
 * The resting orders of one market, in price-time priority. Orders are addressed by their order id;
 * ask only about resting ids. Everyone may read a book; only the {@link OrderRegistry} changes it:
 * the mutators are package-private, so a book handed out by {@link Market#book()} is read-only to
 * its holder without a wrapper (and a book can only be written in this package). The engine's book
 * is {@link ArrayOrderBook} (primitive arrays, allocation-free, fast); the tests hold a second,
 * ReferenceOrderBook (plain collections, obviously right), and run both under the same tests.
 */
public abstract class OrderBook {
  public static final long NONE = -1;

  /** Order flag: must not match on arrival (kept so that an amend cannot make it cross). */
  public static final int POST_ONLY = 1;

  /** Order flag: may only reduce its account's position. */
  public static final int REDUCE_ONLY = 2;

  /** Appends an order at the back of its price level. */
  abstract void add(
      long orderId,
      int account,
      long clientOrderId,
      boolean buy,
      long price,
      long quantity,
      int flags,
      long expiry);

  abstract void remove(long orderId);

  /**
   * Moves a resting order to the back of the level at {@code price} with a new remaining quantity
   * (> 0): what removing and adding it again does, keeping its id, account, client id, side, flags
   * and expiry.
   */
  abstract void move(long orderId, long price, long quantity);

  /** Changes the remaining quantity (> 0) in place, keeping time priority. */
  abstract void setQuantity(long orderId, long quantity);

  /**
   * A small number naming a resting order's place in this book, fixed while it rests (a move keeps
   * it) and reused after it leaves.
   */
  abstract int handle(long orderId);

  /**
   * The id of the order resting at {@code handle}; reads of that order by id that follow are cheap
   * (the registry reaches an order by its handle, then reads it by id).
   */
  abstract long idAt(int handle);

  /** Changes the client order id in place (an amend that keeps time priority). */
  abstract void setClientOrderId(long orderId, long clientOrderId);

  public abstract boolean contains(long orderId);

  public abstract int account(long orderId);

  public abstract long clientOrderId(long orderId);

  public abstract boolean isBuy(long orderId);

  public abstract long price(long orderId);

  public abstract long quantity(long orderId);

  /** {@link #POST_ONLY} and {@link #REDUCE_ONLY} bits. */
  public abstract int flags(long orderId);

  public abstract long expiry(long orderId);

  /** The first order in priority on a side, or {@link #NONE}. */
  public abstract long best(boolean buySide);

  /**
   * The price of the best level of a side, or {@link #NONE} if the side is empty (prices are
   * positive).
   */
  public abstract long bestPrice(boolean buySide);

  /** The order after {@code orderId} in priority on its side, or {@link #NONE}. */
  public abstract long next(long orderId);

  public abstract int size();
}
