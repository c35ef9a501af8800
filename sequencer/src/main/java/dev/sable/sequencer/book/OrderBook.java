package dev.sable.sequencer.book;

/**
 * The resting orders of one market, readable and changeable. It is the caller's job to keep ids
 * unique and to ask only about resting ids. The engine's book is {@link ArrayOrderBook} (primitive
 * arrays, allocation-free, fast); the tests hold a second, ReferenceOrderBook (plain collections,
 * obviously right), and run both under the same tests. Only the engine's order registry changes a
 * book; everyone else reads it through an {@link OrderBookView}.
 */
public interface OrderBook extends OrderBookView {

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

  /** Changes the remaining quantity (> 0) in place, keeping time priority. */
  void setQuantity(long orderId, long quantity);
}
