package dev.sable.devnet;

import dev.sable.crypto.OrderMessage;
import dev.sable.node.Node;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.net.URI;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * On a node listing a call on its perpetual ({@link LocalNodes#optionMarkets}): a writer and a
 * buyer, each funded from L1, and the writer's sale of calls to the buyer at the call's mark, both
 * orders acknowledged.
 *
 * @param mark the call's mark the two orders were placed at
 */
record CallTrade(SableClient client, Trader writer, Trader buyer, long mark) {

  /** Funds two new traders with {@code funds} each and trades {@code calls} calls between them. */
  static CallTrade place(Node node, long funds, long calls) throws Exception {
    SableClient client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
    Trader writer = new Trader(client, TraderKey.generate(new SecureRandom()), null);
    Trader buyer = new Trader(client, TraderKey.generate(new SecureRandom()), null);
    LocalNodes.deposit(node, writer, 1, funds);
    LocalNodes.await("the writer's deposit", () -> LocalNodes.holds(writer, funds));
    LocalNodes.deposit(node, buyer, 2, funds);
    LocalNodes.await("the buyer's deposit", () -> LocalNodes.holds(buyer, funds));
    LocalNodes.await(
        "the call's mark",
        () -> client.get("/v1/markets", null).get(1).path("markValid").asBoolean());
    long mark = client.get("/v1/markets", null).get(1).path("mark").asLong();
    writer.order(order(writer, 1, mark, calls)).get(1, TimeUnit.MINUTES);
    buyer.order(order(buyer, 0, mark, calls)).get(1, TimeUnit.MINUTES);
    return new CallTrade(client, writer, buyer, mark);
  }

  private static OrderMessage order(Trader t, int side, long price, long calls) {
    return new OrderMessage(t.account(), 1, 1, side, 0, price, calls, 0, 0, 0);
  }
}
