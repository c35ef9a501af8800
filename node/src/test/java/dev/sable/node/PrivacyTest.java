package dev.sable.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.OrderMessage;
import dev.sable.sdk.RequestSealer;
import dev.sable.sdk.RequestSigner;
import dev.sable.sdk.SableApiException;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Order contents never leave the sequencer except to their owner: a trader sends orders with
 * distinctive field values (accepted, refused for a bad signature, replayed, expired, above the
 * price limit), and none of those values appears in any log line at any level, in /metrics, or in
 * any error message the node returns.
 */
class PrivacyTest {
  private static final long PRICE = 987_653;
  private static final long QUANTITY = 86_421;
  private static final long CLIENT_ID = 55_555_555_555L;
  private static final String[] SECRETS = {"987653", "86421", "55555555555"};

  @TempDir Path dir;

  @Test
  void noLogLineMetricOrErrorCarriesAnOrdersFields() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setLevel(Level.TRACE);
    List<String> errors = new ArrayList<>();
    String metrics;
    try (Node node = TestNodes.start(dir, "schedule: {tickMs: 20}\n")) {
      SableClient client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
      Trader alice = new Trader(client, TraderKey.generate(new SecureRandom()), null);
      alice.devDeposit(1_000_000_000_000L);
      long a = alice.account();
      OrderMessage order = new OrderMessage(a, 0, CLIENT_ID, 0, 0, PRICE, QUANTITY, 0, 0, 0);
      alice.order(order).get(10, TimeUnit.SECONDS);
      errors.add(refusal(alice, order)); // replayed
      errors.add(
          refusal(
              alice,
              new OrderMessage(a, 0, CLIENT_ID + 1, 1, 0, PRICE, QUANTITY, 0, 1, 0))); // expired
      errors.add(
          refusal(
              alice,
              new OrderMessage(
                  a, 0, CLIENT_ID + 2, 1, 0, PRICE * 100, QUANTITY, 0, 0, 0))); // above max
      Deployment d = client.info().deployment();
      RequestSigner mallory =
          new RequestSigner(TraderKey.generate(new SecureRandom()).privateKey(), d);
      RequestSealer sealer = new RequestSealer(client.info().intakeKey(), d);
      OrderMessage forged = new OrderMessage(a, 0, CLIENT_ID + 3, 0, 0, PRICE, QUANTITY, 0, 0, 0);
      errors.add(
          refusal(() -> client.submitAsync("/v1/orders", sealer.seal(mallory.order(forged)))));
      alice.read("/orders"); // the owner may read its own orders
      metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(client.base().resolve("/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } finally {
      root.detachAppender(logs);
      root.setLevel(before);
    }
    assertThat(errors).hasSize(4).allSatisfy(e -> assertThat(e).isNotBlank());
    assertThat(logs.list).isNotEmpty();
    for (String secret : SECRETS) {
      for (ILoggingEvent e : logs.list) {
        assertThat(e.getFormattedMessage())
            .as("log line of " + e.getLoggerName())
            .doesNotContain(secret);
        if (e.getThrowableProxy() != null) {
          assertThat(e.getThrowableProxy().getMessage() + "").doesNotContain(secret);
        }
      }
      assertThat(metrics).doesNotContain(secret);
      assertThat(errors).allSatisfy(m -> assertThat(m).doesNotContain(secret));
    }
  }

  private static String refusal(Trader t, OrderMessage m) {
    return refusal(() -> t.order(m));
  }

  private static String refusal(
      java.util.function.Supplier<java.util.concurrent.CompletableFuture<Long>> send) {
    try {
      send.get().get(10, TimeUnit.SECONDS);
      throw new AssertionError("not refused");
    } catch (ExecutionException e) {
      SableApiException api = (SableApiException) e.getCause();
      return api.code() + " " + api.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
