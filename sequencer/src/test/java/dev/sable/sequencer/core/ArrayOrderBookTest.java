package dev.sable.sequencer.core;

class ArrayOrderBookTest extends OrderBookContract {
  @Override
  OrderBook newBook() {
    return new ArrayOrderBook();
  }
}
