package dev.sable.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.sealed.SealedMessage;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.node.Node;
import dev.sable.node.TestNodes;
import dev.sable.sdk.RequestSealer;
import dev.sable.sdk.SableApiException;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.SableStream;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sealed requests over the WebSocket: acknowledged once durable with the same sequence numbers and
 * the same refusals as over HTTP, each bad frame answered with its error while the socket stays
 * open, and the connection's rate limit per frame; each over JSON text frames and over binary
 * frames (the malformed binary frames are in the bad-input corpus, {@link BadInputCorpusTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketOrdersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private Node node;
  private SableClient client;
  private Trader alice;

  @BeforeAll
  void start() {
    node =
        TestNodes.start(
            dir, "schedule: {tickMs: 20}\nhttp: {port: 0, requestsPerSecond: 20, burst: 60}\n");
    client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
    alice =
        new Trader(
            client,
            TraderKey.generate(new SecureRandom()),
            HexFormat.of().parseHex(TestNodes.OPERATOR_ADDRESS));
    alice.devDeposit(10_000_000);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private OrderMessage order(long id, long price) {
    return new OrderMessage(alice.account(), 0, id, 1, 0, price, 10, 0, 0, 0);
  }

  private static String code(CompletableFuture<Long> ack) throws InterruptedException {
    try {
      ack.get(10, TimeUnit.SECONDS);
      return "acknowledged";
    } catch (ExecutionException e) {
      return ((SableApiException) e.getCause()).code();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within 10 s", e);
    }
  }

  /** Each mode's client order ids, in fill slots no other test of this class uses. */
  private static long base(SableStream.Frames frames, long json, long binary) {
    return frames == SableStream.Frames.JSON ? json : binary;
  }

  @ParameterizedTest
  @EnumSource(SableStream.Frames.class)
  void ordersInFlightAreEachAcknowledgedOnceDurableAndJournaled(SableStream.Frames frames)
      throws Exception {
    long id = base(frames, 1000, 600);
    long before = client.get("/v1/status", null).path("journaledSequence").asLong();
    double handoffsBefore = metric("sable_intake_ack_handoff_seconds_count");
    List<CompletableFuture<Long>> acks = new ArrayList<>();
    try (SableStream stream = SableStream.open(client.base(), m -> {}, frames)) {
      for (int i = 0; i < 40; i++) {
        acks.add(alice.submit(stream, alice.signer().order(order(id + i, 3100 + 5 * i))));
      }
      List<Long> sequences = new ArrayList<>();
      for (CompletableFuture<Long> a : acks) {
        sequences.add(a.get(10, TimeUnit.SECONDS));
      }
      assertThat(sequences).doesNotHaveDuplicates().allMatch(s -> s > before);
      long after = client.get("/v1/status", null).path("journaledSequence").asLong();
      assertThat(after)
          .isGreaterThanOrEqualTo(sequences.stream().mapToLong(s -> s).max().orElse(0));
      // a cancel over the socket reaches the sequencer as over HTTP
      SignedRequest cancel = alice.signer().cancel(new CancelMessage(alice.account(), id));
      assertThat(alice.submit(stream, cancel).get(10, TimeUnit.SECONDS)).isGreaterThan(after - 1);
    }
    // each answer's hand-off to the socket's event loop is timed (a stage of the ack latency)
    assertThat(metric("sable_intake_ack_handoff_seconds_count") - handoffsBefore)
        .isGreaterThanOrEqualTo(41);
    List<Long> resting = new CopyOnWriteArrayList<>();
    try {
      NodeApiTest.awaitCondition(
          () -> {
            resting.clear();
            alice.read("/orders").forEach(o -> resting.add(o.path("clientOrderId").asLong()));
            return resting.contains(id + 39) && !resting.contains(id);
          });
    } catch (AssertionError e) {
      throw new AssertionError("resting: " + resting, e);
    }
    assertThat(resting).contains(id + 1, id + 20, id + 39);
  }

  @ParameterizedTest
  @EnumSource(SableStream.Frames.class)
  void intakesRefusalsComeBackPerRequestAndTheSocketGoesOn(SableStream.Frames frames)
      throws Exception {
    long id = base(frames, 2000, 700);
    RequestSealer sealer = new RequestSealer(alice.node().intakeKey(), alice.node().deployment());
    SignedRequest signed = alice.signer().order(order(id, 3300));
    SealedMessage sealed = sealer.seal(signed);
    byte[] tampered = sealed.ciphertext().clone();
    tampered[3] ^= 1;
    OrderMessage m = order(id + 1, 3300);
    SignedRequest forged =
        new SignedRequest.Order(
            m, alice.signer().order(order(id + 2, 3300)).signature()); // another order's signature
    try (SableStream stream = SableStream.open(client.base(), x -> {}, frames)) {
      assertThat(code(stream.submit("order", sealed))).isEqualTo("acknowledged");
      assertThat(code(stream.submit("order", sealed))).isEqualTo("REPLAYED");
      assertThat(code(stream.submit("order", sealer.seal(signed)))).isEqualTo("REPLAYED");
      assertThat(
              code(stream.submit("order", new SealedMessage(sealed.enc(), sealed.seq(), tampered))))
          .isEqualTo("DECRYPTION_FAILED");
      assertThat(
              code(stream.submit("cancel", sealer.seal(alice.signer().order(order(id + 3, 3300))))))
          .isEqualTo("WRONG_REQUEST_KIND");
      assertThat(code(stream.submit("order", sealer.seal(forged)))).isEqualTo("BAD_SIGNATURE");
      OrderMessage elsewhere =
          new OrderMessage(alice.account(), 9, id + 4, 1, 0, 3300, 10, 0, 0, 0);
      assertThat(code(stream.submit("order", sealer.seal(alice.signer().order(elsewhere)))))
          .isEqualTo("UNKNOWN_MARKET");
      assertThat(code(alice.submit(stream, alice.signer().order(order(id + 6, 3300)))))
          .isEqualTo("acknowledged");
    }
  }

  @Test
  void eachBadFrameGetsItsErrorAndTheSocketSurvives() throws Exception {
    List<JsonNode> answers = new CopyOnWriteArrayList<>();
    WebSocket ws = raw(answers);
    String good =
        JSON.writeValueAsString(
            java.util.Map.of(
                "op",
                "submit",
                "id",
                7,
                "kind",
                "order",
                "request",
                body(alice.signer().order(order(3000, 3300)))));
    List<String> bad =
        List.of(
            "{not json",
            "{\"op\":\"submit\",\"kind\":\"order\",\"request\":{}}",
            "{\"op\":\"submit\",\"id\":-1,\"kind\":\"order\",\"request\":{}}",
            "{\"op\":\"submit\",\"id\":1,\"kind\":\"trade\",\"request\":{}}",
            "{\"op\":\"submit\",\"id\":2,\"kind\":\"order\",\"request\":{\"enc\":\"00\"}}",
            "{\"op\":\"submit\",\"id\":3,\"kind\":\"order\"}",
            "{\"op\":\"submit\",\"id\":4,\"kind\":\"order\",\"request\":{\"enc\":\""
                + "ab".repeat(32)
                + "\",\"seq\":0,\"ciphertext\":\""
                + "cd".repeat(40)
                + "\"}}");
    for (String frame : bad) {
      ws.sendText(frame, true).get(10, TimeUnit.SECONDS);
    }
    ws.sendText(good, true).get(10, TimeUnit.SECONDS);
    NodeApiTest.awaitMessages(answers, bad.size() + 1);
    assertThat(answers.subList(0, bad.size() + 1))
        .extracting(
            a ->
                a.path("op").asText()
                    + ":"
                    + a.path("id").asText("-")
                    + ":"
                    + a.path("code").asText())
        .containsExactlyInAnyOrder(
            "error:-:MALFORMED_JSON",
            "error:-:INVALID_REQUEST",
            "error:-:INVALID_REQUEST",
            "error:1:INVALID_REQUEST",
            "error:2:INVALID_REQUEST",
            "error:3:INVALID_REQUEST",
            "error:4:DECRYPTION_FAILED",
            "ack:7:");
    assertThat(answers)
        .allMatch(
            a -> !a.path("op").asText().equals("error") || a.path("message").asText().length() > 5);
    assertThat(answers.get(bad.size()).path("sequence").asLong()).isPositive();
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @EnumSource(SableStream.Frames.class)
  void framesOverTheConnectionsRateAreRefusedOneByOne(SableStream.Frames frames) throws Exception {
    List<CompletableFuture<Long>> acks = new ArrayList<>();
    try (SableStream stream = SableStream.open(client.base(), x -> {}, frames)) {
      long start = System.nanoTime();
      for (int i = 0; i < 400; i++) {
        // sealed but not of a known account: refused quickly, after the rate check
        acks.add(stream.submit("order", new SealedMessage(new byte[32], i, new byte[40])));
      }
      List<String> codes = new ArrayList<>();
      for (CompletableFuture<Long> a : acks) {
        codes.add(code(a));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long passed = codes.stream().filter(c -> !c.equals("RATE_LIMITED")).count();
      assertThat(codes).doesNotContain("acknowledged");
      // the bucket: a burst of 60, then 20 a second
      assertThat(passed)
          .isGreaterThanOrEqualTo(60)
          .isLessThanOrEqualTo(60 + (long) (20 * seconds) + 1);
      assertThat(
              code(
                  alice.submit(stream, alice.signer().order(order(base(frames, 4000, 800), 3300)))))
          .isIn("acknowledged", "RATE_LIMITED");
    }
  }

  /** A sealed request's JSON body, as the POST routes take it. */
  private java.util.Map<String, Object> body(SignedRequest r) {
    SealedMessage m =
        new RequestSealer(alice.node().intakeKey(), alice.node().deployment()).seal(r);
    HexFormat hex = HexFormat.of();
    return java.util.Map.of(
        "enc", hex.formatHex(m.enc()), "seq", m.seq(), "ciphertext", hex.formatHex(m.ciphertext()));
  }

  /**
   * The slow-consumer rule (docs/node.md, "API"): a client that sends but does not read is closed
   * with 1008 "slow consumer" once more than 1 MiB of answers wait for it, the answers past that
   * are dropped rather than held, and another socket is still answered.
   */
  @Test
  void aSocketThatDoesNotReadIsClosedAsASlowConsumer() throws Exception {
    double closesBefore = slowConsumerCloses();
    AtomicInteger answered = new AtomicInteger();
    CompletableFuture<String> closed = new CompletableFuture<>();
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + node.httpPort() + "/v1/ws"),
                new WebSocket.Listener() {
                  @Override
                  public void onOpen(WebSocket w) {
                    // no request: the client reads nothing until the test says so
                  }

                  @Override
                  public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                    answered.incrementAndGet();
                    w.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                    closed.complete(code + " " + reason);
                    return null;
                  }

                  @Override
                  public void onError(WebSocket w, Throwable error) {
                    closed.completeExceptionally(error);
                  }
                })
            .join();
    // a frame of an unknown kind: answered at once (INVALID_REQUEST, 67 bytes), journals nothing
    byte[] frame = {1, 9, 0, 0, 0, 0, 0, 0, 0, 7};
    int sent = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (slowConsumerCloses() == closesBefore) {
      assertThat(System.nanoTime())
          .as("closed within 120 s, %d frames sent", sent)
          .isLessThan(deadline);
      for (int i = 0; i < 10_000; i++) {
        ws.sendBinary(ByteBuffer.wrap(frame), true).get(10, TimeUnit.SECONDS);
        sent++;
      }
    }
    ws.request(Long.MAX_VALUE);
    assertThat(closed.get(30, TimeUnit.SECONDS)).isEqualTo("1008 slow consumer");
    assertThat(answered.get()).as("answers dropped after the close").isLessThan(sent);
    assertThat(slowConsumerCloses()).isEqualTo(closesBefore + 1);

    List<JsonNode> others = new CopyOnWriteArrayList<>();
    WebSocket other = raw(others);
    other.sendText("not json", true).get(10, TimeUnit.SECONDS);
    NodeApiTest.awaitCondition(() -> !others.isEmpty());
    assertThat(others.get(0).path("code").asText()).isEqualTo("MALFORMED_JSON");
    other.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
  }

  /** {@code sable_ws_closed_total{reason="slow_consumer"}} from the node's /metrics. */
  private double slowConsumerCloses() throws Exception {
    return metric("sable_ws_closed_total{reason=\"slow_consumer\"");
  }

  /** The value of the first /metrics line that starts with {@code prefix}. */
  private double metric(String prefix) throws Exception {
    String metrics =
        HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.httpPort() + "/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    return metrics
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix + " in /metrics"));
  }

  private WebSocket raw(List<JsonNode> answers) {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .buildAsync(
            URI.create("ws://127.0.0.1:" + node.httpPort() + "/v1/ws"),
            new WebSocket.Listener() {
              @Override
              public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                try {
                  answers.add(JSON.readTree(data.toString()));
                } catch (java.io.IOException e) {
                  throw new AssertionError(e);
                }
                w.request(1);
                return null;
              }
            })
        .join();
  }
}
