package dev.sable.sequencer.book;

class ArrayOrderBookTest extends OrderBookContract {
  @Override
  OrderBook newBook() {
    return new ArrayOrderBook();
  }
}
