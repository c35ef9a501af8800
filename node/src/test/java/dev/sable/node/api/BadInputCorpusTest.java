package dev.sable.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.crypto.sealed.NodeIntakeKey;
import dev.sable.crypto.sealed.RequestCodec;
import dev.sable.crypto.sealed.SealedMessage;
import dev.sable.crypto.sealed.SealingSession;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.crypto.sealed.SubmitAnswer;
import dev.sable.crypto.sealed.SubmitFrame;
import dev.sable.node.Node;
import dev.sable.node.TestNodes;
import dev.sable.sdk.NodeInfo;
import dev.sable.sdk.RequestSigner;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in corpus of bad input (src/test/resources/bad-input/*.json): each case is sent to a
 * running node and must get its status and error code, leave the journal and the state hash as they
 * were (the clock is slowed so nothing else moves them), and the node must still take a good order
 * afterwards. Sealed cases name an order of alice's and a mutation applied before or after sealing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final long FRAME_ID = 0x5AB1E;
  private static final String MARKET =
      "markets:\n  - {spec: {symbol: ETH-PERP, tickSize: 5, lotSize: 10, initialMarginPpm: 100000,"
          + " maintenanceMarginPpm: 50000, makerFeePpm: 0, takerFeePpm: 500, maxPosition: 10000,"
          + " maxPrice: 1000000, oracleSources: 1, oracleStaleness: 3600000,"
          + " fundingInterval: 3600000, fundingClampPpm: 2000, impactQuantity: 100},"
          + " devOraclePrice: 1000}\n"
          // an option on it, with its own tick (7) and lot (20), expiring in 30 days
          + "  - {spec: {symbol: ETH-C1000, tickSize: 7, lotSize: 20, initialMarginPpm: 100000,"
          + " maintenanceMarginPpm: 50000, makerFeePpm: 0, takerFeePpm: 500, maxPosition: 10000,"
          + " maxPrice: 1000006, oracleSources: 1, oracleStaleness: 3600000,"
          + " fundingInterval: 3600000, fundingClampPpm: 2000, impactQuantity: 100},"
          + " devOraclePrice: 800000, option: {underlyingMarket: 0, kind: CALL, strike: 1000,"
          + " contractSize: 1, expiry: "
          + (System.currentTimeMillis() + 30L * 86_400_000L)
          + "}}\n";

  @TempDir static Path dir;
  private Node node;
  private SableClient client;
  private HttpClient http;
  private NodeInfo info;
  private Trader alice;
  private Trader bob;
  private final TraderKey mallory = TraderKey.generate(new SecureRandom());

  @BeforeAll
  void start() {
    node = TestNodes.start(dir, "schedule: {tickMs: 60000, sweepMs: 3600000}\n" + MARKET);
    client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    info = client.info();
    alice = new Trader(client, TraderKey.generate(new SecureRandom()), null);
    bob = new Trader(client, TraderKey.generate(new SecureRandom()), null);
    alice.devDeposit(100_000_000);
    bob.devDeposit(100_000_000);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @TestFactory
  @Order(1)
  Stream<DynamicTest> everyCaseGetsItsCodeAndChangesNothing()
      throws IOException, URISyntaxException {
    Path corpus = Path.of(getClass().getClassLoader().getResource("bad-input").toURI());
    List<Path> files;
    try (Stream<Path> list = Files.list(corpus)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(40);
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(), () -> run(JSON.readTree(f.toFile()))));
  }

  private void run(JsonNode c) throws Exception {
    if (c.path("transport").asText().equals("ws-binary")) {
      runBinary(c);
      return;
    }
    HttpRequest request = request(c); // may submit a setup request first (replays)
    JsonNode before = client.get("/v1/status", null);
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode expect = c.path("expect");
    assertThat(response.statusCode())
        .as(c.path("description").asText() + ": " + response.body())
        .isEqualTo(expect.path("status").asInt());
    if (expect.has("code")) {
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.path("code").asText())
          .as(c.path("description").asText() + ": " + body)
          .isEqualTo(expect.path("code").asText());
      assertThat(body.path("message").asText()).isNotBlank();
      JsonNode after = client.get("/v1/status", null);
      assertThat(after.path("journaledSequence"))
          .as("journal unchanged")
          .isEqualTo(before.path("journaledSequence"));
      assertThat(after.path("stateHash")).as("state unchanged").isEqualTo(before.path("stateHash"));
    }
  }

  /**
   * A binary WebSocket frame (docs/node.md, "Binary frames"): written field by field ({@code
   * frame}), or a sealed request of alice's as the other cases build it, over its path's kind.
   */
  private void runBinary(JsonNode c) throws Exception {
    byte[] frame =
        c.has("frame")
            ? frame(c.path("frame"))
            : new SubmitFrame(
                    frameKind(c.path("path").asText()),
                    FRAME_ID,
                    sealed(c.path("sealed"), c.path("path").asText()))
                .encode();
    JsonNode before = client.get("/v1/status", null);
    SubmitAnswer answer = sendBinary(frame);
    JsonNode expect = c.path("expect");
    String description = c.path("description").asText() + ": " + answer;
    if (expect.path("id").asBoolean(true)) {
      assertThat(answer).as(description).isInstanceOf(SubmitAnswer.Refused.class);
      SubmitAnswer.Refused r = (SubmitAnswer.Refused) answer;
      assertThat(r.id()).isEqualTo(FRAME_ID);
      assertThat(r.code()).as(description).isEqualTo(expect.path("code").asText());
      assertThat(r.message()).isNotBlank();
    } else {
      assertThat(answer).as(description).isInstanceOf(SubmitAnswer.FrameRefused.class);
      SubmitAnswer.FrameRefused r = (SubmitAnswer.FrameRefused) answer;
      assertThat(r.code()).as(description).isEqualTo(expect.path("code").asText());
      assertThat(r.message()).isNotBlank();
    }
    JsonNode after = client.get("/v1/status", null);
    assertThat(after.path("journaledSequence"))
        .as("journal unchanged")
        .isEqualTo(before.path("journaledSequence"));
    assertThat(after.path("stateHash")).as("state unchanged").isEqualTo(before.path("stateHash"));
  }

  /**
   * A frame from its fields, each defaulting to a well-formed frame's: version 1, kind 1, the
   * test's id, enc 0x11.., seq 0, {@code ciphertextBytes} random bytes (16) under a declared {@code
   * length} (the ciphertext's), cut or padded with zeros to {@code size} bytes if given.
   */
  private static byte[] frame(JsonNode f) {
    int n = f.path("ciphertextBytes").asInt(16);
    byte[] enc = new byte[32];
    Arrays.fill(enc, (byte) 0x11);
    byte[] b =
        ByteBuffer.allocate(52 + n)
            .put((byte) f.path("version").asInt(1))
            .put((byte) f.path("kind").asInt(1))
            .putLong(FRAME_ID)
            .put(enc)
            .putLong(f.path("seq").asLong(0))
            .putShort((short) f.path("length").asInt(n))
            .put(random(n))
            .array();
    return f.has("size") ? Arrays.copyOf(b, f.path("size").asInt()) : b;
  }

  private static byte frameKind(String path) {
    return switch (path) {
      case "/v1/orders/amend" -> SubmitFrame.AMEND;
      case "/v1/orders/cancel" -> SubmitFrame.CANCEL;
      case "/v1/withdrawals" -> SubmitFrame.WITHDRAWAL;
      default -> SubmitFrame.ORDER;
    };
  }

  /** Sends one binary frame on a fresh socket and returns the node's binary answer. */
  private SubmitAnswer sendBinary(byte[] frame) throws Exception {
    CompletableFuture<byte[]> answer = new CompletableFuture<>();
    ByteArrayOutputStream partial = new ByteArrayOutputStream();
    WebSocket ws =
        http.newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + node.httpPort() + "/v1/ws"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                    byte[] chunk = new byte[data.remaining()];
                    data.get(chunk);
                    partial.writeBytes(chunk);
                    if (last) {
                      answer.complete(partial.toByteArray());
                    }
                    w.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    answer.completeExceptionally(new AssertionError("a text answer: " + data));
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    try {
      ws.sendBinary(ByteBuffer.wrap(frame), true).get(10, TimeUnit.SECONDS);
      return SubmitAnswer.decode(ByteBuffer.wrap(answer.get(20, TimeUnit.SECONDS)));
    } finally {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(2)
  void theNodeStaysUpAndTakesGoodOrdersAfterTheCorpus() throws Exception {
    assertThat(client.get("/ready", null).path("status").asText()).isEqualTo("ok");
    long seq =
        alice.order(new OrderMessage(alice.account(), 0, 5000, 0, 0, 1000, 20, 0, 0, 0)).get();
    assertThat(seq).isPositive();
  }

  private HttpRequest request(JsonNode c) throws Exception {
    String path = c.path("path").asText().replace("{alice}", Long.toString(alice.account()));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(client.base().resolve(path)).timeout(Duration.ofSeconds(20));
    switch (c.path("auth").asText("none")) {
      case "own" -> b.header("Authorization", "Bearer " + alice.token());
      case "bob" -> b.header("Authorization", "Bearer " + bob.token());
      case "garbage" -> b.header("Authorization", "Bearer " + "ab".repeat(32));
      default -> {}
    }
    String body = null;
    if (c.has("body")) {
      body = c.path("body").asText();
    } else if (c.has("bodyRepeat")) {
      body =
          c.path("bodyRepeat")
              .path("text")
              .asText()
              .repeat(c.path("bodyRepeat").path("times").asInt());
    } else if (c.has("sealed")) {
      body = body(sealed(c.path("sealed"), c.path("path").asText()));
    }
    if (body == null) {
      return b.GET().build();
    }
    return b.header("content-type", "application/json")
        .method(c.path("method").asText(), HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /**
   * The body of a sealed case: a request of alice's ({@code kind}: order, amend, cancel or
   * withdrawal), with a mutation before or after sealing; replays and older-in-slot cases send
   * their setup request first.
   */
  private SealedMessage sealed(JsonNode s, String path) throws Exception {
    Deployment d = info.deployment();
    RequestSigner signer = new RequestSigner(alice.key().privateKey(), d);
    String mutate = s.path("mutate").asText();
    String kind = s.path("kind").asText();
    long[] fields = kind.equals("withdrawal") ? withdrawalFields(s) : orderFields(s);
    byte[] plaintext;
    if (mutate.equals("unsigned")) { // values the message records refuse to hold
      plaintext = raw(kind.equals("withdrawal") ? 4 : 1, fields, validSignature(signer));
    } else {
      SignedRequest request = signed(kind, fields, mutate, signer, d);
      setup(kind, mutate, request, fields, signer, d);
      plaintext = RequestCodec.encode(request);
    }
    plaintext =
        switch (mutate) {
          case "truncate" -> Arrays.copyOf(plaintext, plaintext.length - 1);
          case "drop-signature" -> Arrays.copyOf(plaintext, plaintext.length - 96);
          case "zero-signature" -> {
            Arrays.fill(plaintext, plaintext.length - 96, plaintext.length, (byte) 0);
            yield plaintext;
          }
          case "version-9" -> {
            plaintext[0] = 9;
            yield plaintext;
          }
          default -> plaintext;
        };
    byte[] nodeKey =
        mutate.equals("other-node-key")
            ? NodeIntakeKey.generate(new SecureRandom()).publicKey()
            : info.intakeKey();
    Deployment sealFor =
        switch (mutate) {
          case "wrong-chain-info" -> new Deployment(d.chainId() + 1, d.contract());
          case "wrong-bridge-info" -> new Deployment(d.chainId(), Fr.ofLong(0xbad));
          default -> d;
        };
    SealedMessage m = seal(plaintext, nodeKey, sealFor);
    return switch (mutate) {
      case "random" -> new SealedMessage(random(32), 0, random(120));
      case "flip-ciphertext" -> {
        byte[] ct = m.ciphertext();
        ct[5] ^= 1;
        yield new SealedMessage(m.enc(), m.seq(), ct);
      }
      case "bump-seq" -> new SealedMessage(m.enc(), m.seq() + 1, m.ciphertext());
      default -> m;
    };
  }

  private long[] orderFields(JsonNode s) {
    JsonNode o = s.path("order");
    return new long[] {
      o.has("account") ? o.path("account").asLong() : alice.account(),
      o.path("market").asLong(),
      o.path("clientOrderId").asLong(),
      o.path("side").asLong(),
      o.path("type").asLong(),
      o.path("price").asLong(),
      o.path("quantity").asLong(),
      o.path("reduceOnly").asLong(),
      o.path("expiry").asLong(),
      o.path("stp").asLong()
    };
  }

  /** account, amount, recipient (an L1 address below 2^63 here), nonce: the record's order. */
  private long[] withdrawalFields(JsonNode s) {
    JsonNode w = s.path("withdrawal");
    return new long[] {
      w.has("account") ? w.path("account").asLong() : alice.account(),
      w.path("amount").asLong(),
      w.path("recipient").asLong(),
      w.path("nonce").asLong()
    };
  }

  private SignedRequest signed(
      String kind, long[] f, String mutate, RequestSigner signer, Deployment d) {
    RequestSigner as =
        switch (mutate) {
          case "other-signer" -> new RequestSigner(mallory.privateKey(), d);
          case "sign-other-chain" ->
              new RequestSigner(
                  alice.key().privateKey(), new Deployment(d.chainId() + 1, d.contract()));
          default -> signer;
        };
    return switch (kind) {
      case "cancel" -> as.cancel(new CancelMessage(f[0], f[2]));
      case "amend" -> { // of the order one step back in the slot
        long[] replaced = f.clone();
        replaced[2] -= 1024;
        yield as.amend(order(replaced), order(f));
      }
      case "withdrawal" -> {
        WithdrawalMessage w = withdrawal(f);
        yield mutate.equals("v1-hash")
            ? new SignedRequest.Withdrawal(w, alice.key().privateKey().sign(w.hash(d)))
            : as.withdrawal(w);
      }
      default -> {
        OrderMessage m = order(f);
        yield switch (mutate) {
          case "swap-signature" -> {
            long[] other = f.clone();
            other[6] += 10;
            yield new SignedRequest.Order(m, signer.order(order(other)).signature());
          }
          case "v1-hash" -> new SignedRequest.Order(m, alice.key().privateKey().sign(m.hash(d)));
          default -> as.order(m);
        };
      }
    };
  }

  /**
   * What a replay or an older order needs accepted first: the same request (for an amend, after the
   * order it replaces), or a later order of the same slot.
   */
  private void setup(
      String kind,
      String mutate,
      SignedRequest request,
      long[] f,
      RequestSigner signer,
      Deployment d)
      throws Exception {
    String endpoint =
        switch (kind) {
          case "amend" -> "/v1/orders/amend";
          case "withdrawal" -> "/v1/withdrawals";
          default -> "/v1/orders";
        };
    if (mutate.equals("replay")) {
      if (kind.equals("amend")) {
        long[] replaced = f.clone();
        replaced[2] -= 1024;
        post("/v1/orders", seal(RequestCodec.encode(signer.order(order(replaced))), d), 202);
      }
      post(endpoint, seal(RequestCodec.encode(request), d), 202);
    } else if (mutate.equals("older-in-slot")) {
      long[] later = f.clone();
      later[2] += 1024;
      post("/v1/orders", seal(RequestCodec.encode(signer.order(order(later))), d), 202);
    }
  }

  private static OrderMessage order(long[] f) {
    return new OrderMessage(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]);
  }

  private static WithdrawalMessage withdrawal(long[] f) {
    return new WithdrawalMessage(f[0], f[1], Fr.ofLong(f[2]), f[3]);
  }

  private static EdDsaSignature validSignature(RequestSigner signer) {
    return signer.cancel(new CancelMessage(0, 0)).signature();
  }

  /**
   * A request written field by field (version 2), for values the message records refuse to hold; a
   * withdrawal's third field is its recipient, written as a 20-byte address.
   */
  private static byte[] raw(int kind, long[] fields, EdDsaSignature sig) {
    boolean withdrawal = kind == 4;
    ByteBuffer b =
        ByteBuffer.allocate(2 + 8 * fields.length + (withdrawal ? 12 : 0) + 96)
            .put((byte) 2)
            .put((byte) kind);
    for (int i = 0; i < fields.length; i++) {
      if (withdrawal && i == 2) {
        b.put(new byte[12]);
      }
      b.putLong(fields[i]);
    }
    return b.put(sig.encodeUncompressed()).array();
  }

  private SealedMessage seal(byte[] plaintext, Deployment d) {
    return seal(plaintext, info.intakeKey(), d);
  }

  private static SealedMessage seal(byte[] plaintext, byte[] nodeKey, Deployment d) {
    return SealingSession.open(nodeKey, d).seal(plaintext);
  }

  private void post(String path, SealedMessage m, int expected) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(client.base().resolve(path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(m)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("setup request: " + r.body()).isEqualTo(expected);
  }

  private static String body(SealedMessage m) {
    return JSON.createObjectNode()
        .put("enc", HEX.formatHex(m.enc()))
        .put("seq", m.seq())
        .put("ciphertext", HEX.formatHex(m.ciphertext()))
        .toString();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}
