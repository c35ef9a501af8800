package dev.sable.devnet;

import dev.sable.crypto.OrderMessage;
import dev.sable.node.Node;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * On a node listing a call on its perpetual ({@link LocalNodes#optionMarkets}): a writer and a
 * buyer, funded from L1 by anvil's dev accounts 1 and 2, and the writer's sale of calls to the
 * buyer at the call's mark, both orders acknowledged.
 *
 * @param mark the call's mark the two orders were placed at
 */
record CallTrade(SableClient client, Trader writer, Trader buyer, long mark) {

  /** Funds two new traders with {@code funds} each and trades {@code calls} calls between them. */
  static CallTrade place(Node node, long funds, long calls) throws Exception {
    SableClient client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
    Trader writer = LocalNodes.funded(node, client, 1, funds);
    Trader buyer = LocalNodes.funded(node, client, 2, funds);
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
