package dev.sable.node.sequencing;

/**
 * Where the sequencer's thread hands live updates (the API's WebSocket channels). Implementations
 * must return at once: they only queue the message for other threads.
 */
public interface Publisher {
  void account(int account, AccountEvent event);

  void trade(int market, Trade trade);

  Publisher NONE =
      new Publisher() {
        @Override
        public void account(int account, AccountEvent event) {}

        @Override
        public void trade(int market, Trade trade) {}
      };
}
