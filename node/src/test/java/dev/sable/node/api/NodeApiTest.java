package dev.sable.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.node.Node;
import dev.sable.node.TestNodes;
import dev.sable.sdk.BatchOutcome;
import dev.sable.sdk.RequestSigner;
import dev.sable.sdk.SableApiException;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.SableStream;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The node over HTTP, driven through the SDK as a trading program would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeApiTest {
  @TempDir static Path dir;
  private Node node;
  private SableClient client;
  private Trader alice;
  private Trader bob;

  @BeforeAll
  void start() {
    node = TestNodes.start(dir, "schedule: {tickMs: 20}\n");
    client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
    byte[] operator = HexFormat.of().parseHex(TestNodes.OPERATOR_ADDRESS);
    alice = new Trader(client, TraderKey.generate(new SecureRandom()), operator);
    bob = new Trader(client, TraderKey.generate(new SecureRandom()), operator);
    alice.devDeposit(10_000_000);
    bob.devDeposit(10_000_000);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private OrderMessage order(Trader t, long id, int side, long price, long qty) {
    return new OrderMessage(t.account(), 0, id, side, 0, price, qty, 0, 0, 0);
  }

  @Test
  void theNodeKeyIsEndorsedByTheOperatorOnly() {
    assertThat(client.info().endorsedBy(HexFormat.of().parseHex(TestNodes.OPERATOR_ADDRESS)))
        .isTrue();
    byte[] impostor = HexFormat.of().parseHex(TestNodes.OPERATOR_ADDRESS);
    impostor[0] ^= 1;
    assertThatThrownBy(() -> new Trader(client, TraderKey.generate(new SecureRandom()), impostor))
        .hasMessageContaining("not endorsed");
  }

  @Test
  void aBatchTakesEachRequestAloneAndInOrder() throws Exception {
    RequestSigner signer = alice.signer();
    OrderMessage first = order(alice, 300, 1, 3100, 10);
    OrderMessage second = order(alice, 301, 1, 3105, 10);
    List<BatchOutcome> outcomes =
        alice
            .submitBatch(
                List.of(
                    signer.order(first),
                    signer.order(second),
                    signer.order(first), // a replay within the batch
                    signer.cancel(new CancelMessage(alice.account(), 300)),
                    signer.amend(second, second.amend(3110, 10))))
            .get(10, TimeUnit.SECONDS);
    assertThat(outcomes)
        .extracting(BatchOutcome::accepted)
        .containsExactly(true, true, false, true, true);
    assertThat(outcomes.get(2).code()).isEqualTo("REPLAYED");
    assertThat(outcomes.get(1).sequence()).isGreaterThan(outcomes.get(0).sequence());
    assertThat(outcomes.get(4).sequence()).isGreaterThan(outcomes.get(3).sequence());
    awaitCondition(
        () -> {
          JsonNode orders = alice.read("/orders");
          return orders.size() > 0
              && java.util.stream.StreamSupport.stream(orders.spliterator(), false)
                  .noneMatch(o -> o.path("clientOrderId").asLong() == 300)
              && java.util.stream.StreamSupport.stream(orders.spliterator(), false)
                  .anyMatch(o -> o.path("price").asLong() == 3110);
        });
  }

  @Test
  void crossingOrdersFillAndEachTraderSeesOnlyItsOwnSide() throws Exception {
    List<JsonNode> aliceEvents = new CopyOnWriteArrayList<>();
    List<JsonNode> publicTrades = new CopyOnWriteArrayList<>();
    try (SableStream aliceStream = SableStream.open(client.base(), aliceEvents::add);
        SableStream anyone = SableStream.open(client.base(), publicTrades::add)) {
      aliceStream.login(alice.token());
      aliceStream.subscribe("account", 0);
      anyone.subscribe("trades", 0);
      awaitMessages(aliceEvents, 2);
      awaitMessages(publicTrades, 1);
      long ask = alice.order(order(alice, 100, 1, 3000, 50)).get(10, TimeUnit.SECONDS);
      long bid = bob.order(order(bob, 200, 0, 3000, 20)).get(10, TimeUnit.SECONDS);
      assertThat(bid).isGreaterThan(ask);
      try {
        awaitCondition(
            () ->
                aliceEvents.stream()
                    .anyMatch(m -> m.path("data").path("type").asText().equals("Filled")));
      } catch (AssertionError e) {
        throw new AssertionError("alice saw " + aliceEvents, e);
      }
      awaitCondition(
          () -> publicTrades.stream().anyMatch(m -> "trades".equals(m.path("channel").asText())));
    }
    JsonNode fill =
        aliceEvents.stream()
            .filter(m -> m.path("data").path("type").asText().equals("Filled"))
            .findFirst()
            .orElseThrow()
            .path("data");
    assertThat(fill.path("liquidity").asText()).isEqualTo("maker");
    assertThat(fill.path("quantity").asLong()).isEqualTo(20);
    JsonNode trade =
        publicTrades.stream()
            .filter(m -> "trades".equals(m.path("channel").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(trade.path("data").has("account")).isFalse();
    assertThat(trade.toString()).doesNotContain("\"maker\"").doesNotContain("orderId");

    assertThat(alice.read("/orders").get(0).path("remaining").asLong()).isEqualTo(30);
    assertThat(bob.read("/positions").get(0).path("size").asLong()).isEqualTo(20);
    assertThat(alice.read("/positions").get(0).path("size").asLong()).isEqualTo(-20);
    assertThat(bob.read("/fills").get(0).path("liquidity").asText()).isEqualTo("taker");
    JsonNode margin = bob.read("/margin");
    assertThat(margin.path("equity").asLong()).isLessThan(10_000_000); // paid the taker fee
    assertThat(bob.read("").path("collateral").asLong()).isEqualTo(10_000_000 - 30);
    JsonNode depth = client.get("/v1/markets/0/depth", null);
    assertThat(depth.path("asks").get(0).path("quantity").asLong()).isEqualTo(30);
    assertThat(depth.toString()).doesNotContain("account");
  }

  @Test
  void anHttpOrdersAnswerHandOffToItsEventLoopIsTimed() throws Exception {
    double before = handoffs();
    long sequence = bob.order(order(bob, 700, 0, 2000, 1)).get(10, TimeUnit.SECONDS);
    assertThat(sequence).isPositive();
    // the 202 is written after the hand-off is recorded: the count has grown by the time it is read
    assertThat(handoffs()).isGreaterThanOrEqualTo(before + 1);
  }

  /** The count of sable_intake_ack_handoff_seconds on /metrics. */
  private double handoffs() throws Exception {
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(client.base().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return metrics
        .lines()
        .filter(l -> l.startsWith("sable_intake_ack_handoff_seconds_count"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(0);
  }

  @Test
  void readsNeedTheAccountsOwnSession() {
    assertThatThrownBy(() -> client.get("/v1/accounts/" + alice.account(), null))
        .isInstanceOf(SableApiException.class)
        .satisfies(e -> assertThat(((SableApiException) e).code()).isEqualTo("UNAUTHENTICATED"));
    assertThatThrownBy(() -> client.get("/v1/accounts/" + alice.account(), bob.token()))
        .satisfies(e -> assertThat(((SableApiException) e).code()).isEqualTo("FORBIDDEN"));
    assertThatThrownBy(
            () -> client.get("/v1/accounts/" + alice.account(), "00" + bob.token().substring(2)))
        .satisfies(e -> assertThat(((SableApiException) e).code()).isEqualTo("UNAUTHENTICATED"));
  }

  @Test
  void operationsEndpointsAnswer() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : List.of("/health", "/ready", "/openapi.yaml", "/metrics")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(client.base().resolve(path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      if (path.equals("/metrics")) {
        assertThat(r.body())
            .contains("sable_intake_requests_total")
            .contains("sable_journal_sync_seconds")
            .contains("sable_sequencer_lag")
            // Vert.x's per-request HTTP server metrics are off (their cost per order, docs/node.md)
            .doesNotContain("vertx_http_server_");
      }
      if (path.equals("/openapi.yaml")) {
        assertThat(r.body()).startsWith("openapi: 3.1.0");
      }
    }
    JsonNode markets = client.get("/v1/markets", null);
    assertThat(markets.get(0).path("spec").path("symbol").asText()).isEqualTo("ETH-PERP");
    assertThat(markets.get(0).path("markValid").asBoolean()).isTrue();
    JsonNode status = client.get("/v1/status", null);
    assertThat(status.path("appliedSequence").asLong()).isPositive();
    assertThat(status.path("stateHash").asText()).hasSize(64);
  }

  static void awaitMessages(List<JsonNode> list, int n) {
    try {
      awaitCondition(() -> list.size() >= n);
    } catch (AssertionError e) {
      throw new AssertionError("got only " + list, e);
    }
  }

  static void awaitCondition(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
