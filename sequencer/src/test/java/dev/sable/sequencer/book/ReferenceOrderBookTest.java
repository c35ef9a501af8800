package dev.sable.sequencer.book;

class ReferenceOrderBookTest extends OrderBookContract {
  @Override
  OrderBook newBook() {
    return new ReferenceOrderBook();
  }
}
