package dev.sable.sequencer.core;

class ReferenceOrderBookTest extends OrderBookContract {
  @Override
  OrderBook newBook() {
    return new ReferenceOrderBook();
  }
}
