package dev.sable.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.sealed.SealedMessage;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.node.Node;
import dev.sable.node.TestNodes;
import dev.sable.sdk.RequestSealer;
import dev.sable.sdk.SableApiException;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.options.Black76;
import dev.sable.sequencer.options.Greeks;
import dev.sable.sequencer.options.TimeBasis;
import dev.sable.sequencer.options.TimeToExpiry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An option market configured on a node, over HTTP: its terms and volatility in the market list,
 * option positions with their marks and Greeks, the account's Greeks per underlying and its margin
 * mode. The clock is slowed (one tick a minute) so the log's time and the marks stay put while the
 * test compares what the API says with the model at the inputs the API shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptionApiTest {
  private static final long STRIKE = 3_000;
  private static final long VOL_PPM = 800_000;
  private static final long DAY_MS = 86_400_000L;

  @TempDir static Path dir;
  private Node node;
  private SableClient client;
  private Trader writer;
  private Trader buyer;
  private long expiry;

  @BeforeAll
  void start() {
    expiry = System.currentTimeMillis() + 30 * DAY_MS;
    String spec =
        " tickSize: 1, lotSize: 1, initialMarginPpm: 100000, maintenanceMarginPpm: 50000,"
            + " makerFeePpm: 0, takerFeePpm: 0, maxPosition: 10000, oracleSources: 1,"
            + " oracleStaleness: 3600000, fundingInterval: 3600000, fundingClampPpm: 2000,"
            + " impactQuantity: 100";
    String markets =
        "markets:\n"
            + "  - {spec: {symbol: ETH-PERP, maxPrice: 1000000,"
            + spec
            + "}, devOraclePrice: 3000}\n"
            + "  - {spec: {symbol: ETH-C3000, maxPrice: 1000000,"
            + spec
            + "}, devOraclePrice: "
            + VOL_PPM
            + ", option: {underlyingMarket: 0, kind: CALL, strike: "
            + STRIKE
            + ", expiry: "
            + expiry
            + ", contractSize: 1}}\n";
    node = TestNodes.start(dir, "schedule: {tickMs: 60000, sweepMs: 3600000}\n" + markets);
    client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
    writer = new Trader(client, TraderKey.generate(new SecureRandom()), null);
    buyer = new Trader(client, TraderKey.generate(new SecureRandom()), null);
    writer.devDeposit(100_000_000);
    buyer.devDeposit(100_000_000);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void optionMarketsListTheirTermsAndVolatility() {
    NodeApiTest.awaitCondition(
        () -> client.get("/v1/markets", null).get(1).path("markValid").asBoolean());
    JsonNode markets = client.get("/v1/markets", null);
    assertThat(markets.get(0).path("option").isNull()).as("a perpetual has no terms").isTrue();
    JsonNode option = markets.get(1).path("option");
    assertThat(option.path("underlyingMarket").asInt()).isZero();
    assertThat(option.path("kind").asText()).isEqualTo("call");
    assertThat(option.path("strike").asLong()).isEqualTo(STRIKE);
    assertThat(option.path("expiry").asLong()).isEqualTo(expiry);
    assertThat(option.path("contractSize").asLong()).isEqualTo(1);
    assertThat(option.path("volatilityPpm").asLong()).isEqualTo(VOL_PPM);
    assertThat(option.path("volatilityValid").asBoolean()).isTrue();
    assertThat(markets.get(1).path("spec").path("symbol").asText()).isEqualTo("ETH-C3000");
  }

  @Test
  void optionPositionsCarryTheModelsGreeksAndTheAccountSumsThemPerUnderlying() throws Exception {
    NodeApiTest.awaitCondition(
        () -> client.get("/v1/markets", null).get(1).path("markValid").asBoolean());
    long mark = client.get("/v1/markets", null).get(1).path("mark").asLong();
    assertThat(mark).isPositive();
    writer.order(order(writer, 1, 1, mark, 100)).get(10, TimeUnit.SECONDS); // sells 100 calls
    buyer.order(order(buyer, 1, 0, mark, 100)).get(10, TimeUnit.SECONDS);
    // the buyer hedges with a short perpetual, bought by the writer
    writer.order(order(writer, 0, 0, 3_000, 2)).get(10, TimeUnit.SECONDS);
    buyer.order(order(buyer, 0, 1, 3_000, 2)).get(10, TimeUnit.SECONDS);
    NodeApiTest.awaitCondition(() -> buyer.read("/positions").size() == 2);

    JsonNode markets = client.get("/v1/markets", null);
    long forward = markets.get(0).path("mark").asLong();
    long now = client.get("/v1/status", null).path("time").asLong();
    TimeToExpiry t = TimeToExpiry.between(now, expiry, TimeBasis.MILLISECONDS);
    Black76.Point p = Black76.point(forward, STRIKE, VOL_PPM, t);
    Greeks expected = Greeks.option(OptionKind.CALL, 1, 100, p, t, TimeBasis.MILLISECONDS);

    JsonNode call = position(buyer, 1);
    assertThat(call.path("size").asLong()).isEqualTo(100);
    assertThat(call.path("mark").asLong()).isEqualTo(markets.get(1).path("mark").asLong());
    assertThat(greeks(call.path("greeks"))).isEqualTo(expected);
    assertThat(expected.delta()).isBetween(45L, 60L); // at the money: about half its size
    assertThat(expected.gamma()).isPositive();
    assertThat(expected.vega()).isPositive();
    assertThat(expected.theta()).isNegative();
    JsonNode written = position(writer, 1);
    assertThat(greeks(written.path("greeks")))
        .as("the writer's Greeks are the buyer's negated")
        .isEqualTo(
            new Greeks(-expected.delta(), -expected.gamma(), -expected.vega(), -expected.theta()));
    assertThat(greeks(position(buyer, 0).path("greeks"))).isEqualTo(Greeks.perpetual(-2));

    JsonNode margin = buyer.read("/margin");
    assertThat(margin.path("marginMode").asText()).isEqualTo("cross");
    assertThat(margin.path("greeks")).hasSize(1);
    JsonNode sum = margin.path("greeks").get(0);
    assertThat(sum.path("underlying").asInt()).isZero();
    assertThat(greeks(sum)).isEqualTo(expected.plus(Greeks.perpetual(-2)));
    assertThat(buyer.read("").path("marginMode").asText()).isEqualTo("cross");
    assertThat(buyer.read("").path("greeks").get(0).path("delta").asLong())
        .isEqualTo(expected.delta() - 2);

    // the SDK's typed reads say the same
    assertThat(buyer.marginMode()).isEqualTo("cross");
    assertThat(buyer.greeks()).containsOnlyKeys(0);
    assertThat(model(buyer.greeks().get(0))).isEqualTo(expected.plus(Greeks.perpetual(-2)));
    assertThat(buyer.positionGreeks()).containsOnlyKeys(0, 1);
    assertThat(model(buyer.positionGreeks().get(1))).isEqualTo(expected);

    conforms("markets", client.get("/v1/markets", null));
    conforms("positions", buyer.read("/positions"));
    conforms("margin", margin);
    conforms("account", buyer.read(""));
  }

  @Test
  void theContractRefusesAResponseWithoutItsGreeks() {
    JsonNode margin = buyer.read("/margin");
    conforms("margin", margin);
    ((com.fasterxml.jackson.databind.node.ObjectNode) margin).remove("greeks");
    assertThatThrownBy(() -> conforms("margin", margin)).hasMessageContaining("greeks");
  }

  /** The response body against the operation's schema in the node's OpenAPI document. */
  private static void conforms(String operationId, JsonNode body) {
    Vertx vertx = Vertx.vertx();
    try {
      OpenAPIContract contract =
          OpenAPIContract.from(vertx, new JsonObject(ApiServer.yamlToJson(ApiServer.document())))
              .await();
      ResponseValidator.create(vertx, contract)
          .validate(
              ValidatableResponse.create(200, Buffer.buffer(body.toString()), "application/json"),
              operationId)
          .await();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void theMarginModeSwitchesBySignedRequestOnceAndOnlyUnderTheAccountsKey() throws Exception {
    Trader carol = new Trader(client, TraderKey.generate(new SecureRandom()), null);
    carol.devDeposit(1_000_000);
    assertThat(carol.marginMode()).isEqualTo("cross");
    RequestSealer sealer = new RequestSealer(client.info().intakeKey(), client.info().deployment());
    SignedRequest toPortfolio =
        carol.signer().marginMode(new MarginModeMessage(carol.account(), 1, 7_001));
    client.submitAsync("/v1/margin-mode", sealer.seal(toPortfolio)).get(10, TimeUnit.SECONDS);
    NodeApiTest.awaitCondition(() -> carol.marginMode().equals("portfolio"));
    carol.setMarginMode(false, 7_002).get(10, TimeUnit.SECONDS);
    NodeApiTest.awaitCondition(() -> carol.marginMode().equals("cross"));

    // the first switch sent again cannot flip the account back
    assertThat(refusal(sealer.seal(toPortfolio))).isEqualTo("REPLAYED");
    // another key's signature over a switch of carol's account
    Trader mallory = new Trader(client, TraderKey.generate(new SecureRandom()), null);
    SignedRequest forged =
        mallory.signer().marginMode(new MarginModeMessage(carol.account(), 1, 7_003));
    assertThat(refusal(sealer.seal(forged))).isEqualTo("BAD_SIGNATURE");
    // a switch posted to the order endpoint
    SignedRequest misplaced =
        carol.signer().marginMode(new MarginModeMessage(carol.account(), 1, 7_004));
    assertThat(refusal("/v1/orders", sealer.seal(misplaced))).isEqualTo("WRONG_REQUEST_KIND");
    Thread.sleep(200);
    assertThat(carol.marginMode()).isEqualTo("cross");
  }

  private String refusal(SealedMessage sealed) {
    return refusal("/v1/margin-mode", sealed);
  }

  private String refusal(String path, SealedMessage sealed) {
    try {
      client.submitAsync(path, sealed).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | InterruptedException | TimeoutException e) {
      if (e.getCause() instanceof SableApiException api) {
        return api.code();
      }
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted");
  }

  private static OrderMessage order(Trader t, int market, int side, long price, long qty) {
    return new OrderMessage(t.account(), market, System.nanoTime(), side, 0, price, qty, 0, 0, 0);
  }

  private static JsonNode position(Trader t, int market) {
    for (JsonNode p : t.read("/positions")) {
      if (p.path("market").asInt() == market) {
        return p;
      }
    }
    throw new AssertionError("no position in market " + market + ": " + t.read("/positions"));
  }

  private static Greeks greeks(JsonNode g) {
    return model(dev.sable.sdk.Greeks.of(g));
  }

  private static Greeks model(dev.sable.sdk.Greeks g) {
    return new Greeks(g.delta(), g.gamma(), g.vega(), g.theta());
  }
}
