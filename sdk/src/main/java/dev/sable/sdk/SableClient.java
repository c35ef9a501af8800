package dev.sable.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sable.crypto.sealed.NodeKeyEndorsement;
import dev.sable.crypto.sealed.SealedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The node's REST API over the JDK's HTTP client. Sealed requests go out as ciphertext; answers
 * come back as JSON trees; a refusal is a {@link SableApiException} with the node's error code.
 * Thread-safe.
 */
public final class SableClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  public SableClient(URI base) {
    this(
        base,
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // a pool of connections, not one stream-limited
            .connectTimeout(Duration.ofSeconds(5))
            .build(),
        Duration.ofSeconds(30));
  }

  public SableClient(URI base, HttpClient http, Duration timeout) {
    this.base = base;
    this.http = http;
    this.timeout = timeout;
  }

  public URI base() {
    return base;
  }

  public NodeInfo info() {
    JsonNode n = get("/v1/info", null);
    JsonNode e = n.path("endorsement");
    return new NodeInfo(
        n.path("chainId").asLong(),
        n.path("bridge").asText(),
        HEX.parseHex(n.path("intakeKey").asText()),
        new NodeKeyEndorsement(
            HEX.parseHex(e.path("operatorPublicKey").asText()),
            HEX.parseHex(e.path("signature").asText())));
  }

  /**
   * POSTs a sealed request to one of /v1/orders, /v1/orders/amend, /v1/orders/cancel,
   * /v1/withdrawals.
   */
  public CompletableFuture<Long> submitAsync(String path, SealedMessage message) {
    return sendAsync(post(path, sealed(message), null)).thenApply(n -> n.path("sequence").asLong());
  }

  /**
   * POSTs up to 20 sealed orders, amends and cancels to /v1/orders/batch; completes with each one's
   * outcome, in order (a refused one does not refuse the others).
   */
  public CompletableFuture<List<BatchOutcome>> submitBatchAsync(List<SealedMessage> messages) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode requests = body.putArray("requests");
    for (SealedMessage m : messages) {
      requests.add(sealed(m));
    }
    return sendAsync(post("/v1/orders/batch", body, null))
        .thenApply(
            n -> {
              List<BatchOutcome> out = new ArrayList<>();
              for (JsonNode r : n.path("results")) {
                out.add(
                    r.has("sequence")
                        ? new BatchOutcome(r.path("sequence").asLong(), null, null)
                        : new BatchOutcome(0, r.path("code").asText(), r.path("message").asText()));
              }
              return out;
            });
  }

  static ObjectNode sealed(SealedMessage message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("enc", HEX.formatHex(message.enc()));
    body.put("seq", message.seq());
    body.put("ciphertext", HEX.formatHex(message.ciphertext()));
    return body;
  }

  public JsonNode get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  public JsonNode post(String path, JsonNode body) {
    return send(post(path, body, null));
  }

  private HttpRequest post(String path, JsonNode body, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }

  private JsonNode send(HttpRequest request) {
    try {
      return sendAsync(request).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private CompletableFuture<JsonNode> sendAsync(HttpRequest request) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                Throwable c = failure.getCause() != null ? failure.getCause() : failure;
                throw new UncheckedIOException(
                    "no answer from " + base + ": " + c,
                    c instanceof IOException io ? io : new IOException(c));
              }
              return parse(response);
            });
  }

  private static JsonNode parse(HttpResponse<String> response) {
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new SableApiException(
          response.statusCode(), "MALFORMED_RESPONSE", "the node's answer is not JSON");
    }
    if (response.statusCode() >= 400) {
      throw new SableApiException(
          response.statusCode(),
          body.path("code").asText("UNKNOWN"),
          body.path("message").asText(""));
    }
    return body;
  }
}
