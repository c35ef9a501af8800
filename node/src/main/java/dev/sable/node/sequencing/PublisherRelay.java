package dev.sable.node.sequencing;

/**
 * A publisher the feeds are built with before the API exists; the API connects its WebSocket hub
 * once it listens. Until then updates go nowhere (nobody could be subscribed).
 */
public final class PublisherRelay implements Publisher {
  private volatile Publisher target = Publisher.NONE;

  public void connect(Publisher publisher) {
    this.target = publisher;
  }

  @Override
  public void account(int account, AccountEvent event) {
    target.account(account, event);
  }

  @Override
  public void trade(int market, Trade trade) {
    target.trade(market, trade);
  }
}
