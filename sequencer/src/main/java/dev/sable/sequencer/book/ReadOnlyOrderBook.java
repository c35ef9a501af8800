package dev.sable.sequencer.book;

/** Delegates the reads of an order book and nothing else. */
final class ReadOnlyOrderBook implements OrderBookView {
  private final OrderBook book;

  ReadOnlyOrderBook(OrderBook book) {
    this.book = book;
  }

  @Override
  public boolean contains(long orderId) {
    return book.contains(orderId);
  }

  @Override
  public int account(long orderId) {
    return book.account(orderId);
  }

  @Override
  public long clientOrderId(long orderId) {
    return book.clientOrderId(orderId);
  }

  @Override
  public boolean isBuy(long orderId) {
    return book.isBuy(orderId);
  }

  @Override
  public long price(long orderId) {
    return book.price(orderId);
  }

  @Override
  public long quantity(long orderId) {
    return book.quantity(orderId);
  }

  @Override
  public int flags(long orderId) {
    return book.flags(orderId);
  }

  @Override
  public long expiry(long orderId) {
    return book.expiry(orderId);
  }

  @Override
  public long best(boolean buySide) {
    return book.best(buySide);
  }

  @Override
  public long next(long orderId) {
    return book.next(orderId);
  }

  @Override
  public int size() {
    return book.size();
  }
}
