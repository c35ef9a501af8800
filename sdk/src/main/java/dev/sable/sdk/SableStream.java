package dev.sable.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sable.crypto.sealed.SealedMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The node's WebSocket channels (/v1/ws): public {@code trades} and {@code depth} of a market, and
 * after {@link #login} the account's own {@code account} channel (order outcomes and fills). Each
 * message arrives as a JSON tree on the listener, in order. Sealed requests go over the same socket
 * ({@link #submit}), many in flight at once; their answers complete their futures and do not reach
 * the listener.
 */
public final class SableStream implements AutoCloseable {
  private final WebSocket socket;
  private final Map<Long, CompletableFuture<Long>> pending;
  private final AtomicLong nextId = new AtomicLong();
  // the JDK's WebSocket takes one send at a time: each waits for the one before
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

  private SableStream(WebSocket socket, Map<Long, CompletableFuture<Long>> pending) {
    this.socket = socket;
    this.pending = pending;
  }

  public static SableStream open(URI httpBase, Consumer<JsonNode> listener) {
    URI ws = URI.create(httpBase.toString().replaceFirst("^http", "ws")).resolve("/v1/ws");
    Map<Long, CompletableFuture<Long>> pending = new ConcurrentHashMap<>();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(ws, new Listener(listener, pending))
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    return new SableStream(socket, pending);
  }

  /**
   * Sends a sealed request of {@code kind} ("order", "amend", "cancel", "withdrawal"); completes
   * with its journal sequence number once the node has it durable, or fails with a {@link
   * SableApiException} carrying the node's error code (status 0: no HTTP status on a WebSocket).
   */
  public CompletableFuture<Long> submit(String kind, SealedMessage message) {
    long id = nextId.getAndIncrement();
    CompletableFuture<Long> ack = new CompletableFuture<>();
    pending.put(id, ack);
    ObjectNode m = SableClient.JSON.createObjectNode();
    m.put("op", "submit");
    m.put("id", id);
    m.put("kind", kind);
    m.set("request", SableClient.sealed(message));
    sendAsync(m)
        .whenComplete(
            (v, failure) -> {
              if (failure != null && pending.remove(id) != null) {
                ack.completeExceptionally(failure);
              }
            });
    return ack;
  }

  public void login(String token) {
    ObjectNode m = SableClient.JSON.createObjectNode();
    m.put("op", "login");
    m.put("token", token);
    send(m);
  }

  /** Subscribes to "account", or to "trades" / "depth" of a market. */
  public void subscribe(String channel, int market) {
    ObjectNode m = SableClient.JSON.createObjectNode();
    m.put("op", "subscribe");
    m.put("channel", channel);
    if (!channel.equals("account")) {
      m.put("market", market);
    }
    send(m);
  }

  private void send(JsonNode message) {
    sendAsync(message).orTimeout(10, TimeUnit.SECONDS).join();
  }

  private synchronized CompletableFuture<?> sendAsync(JsonNode message) {
    String text = message.toString();
    sending = sending.handle((v, e) -> null).thenCompose(v -> socket.sendText(text, true));
    return sending;
  }

  @Override
  public void close() {
    socket
        .sendClose(WebSocket.NORMAL_CLOSURE, "bye")
        .orTimeout(5, TimeUnit.SECONDS)
        .exceptionally(e -> null)
        .join();
  }

  /** Joins text fragments into whole messages and hands each to the listener as JSON. */
  private static final class Listener implements WebSocket.Listener {
    private final Consumer<JsonNode> listener;
    private final Map<Long, CompletableFuture<Long>> pending;
    private final StringBuilder partial = new StringBuilder();

    Listener(Consumer<JsonNode> listener, Map<Long, CompletableFuture<Long>> pending) {
      this.listener = listener;
      this.pending = pending;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          JsonNode m = SableClient.JSON.readTree(text);
          if (!answered(m)) {
            listener.accept(m);
          }
        } catch (JsonProcessingException e) {
          ObjectNode bad = SableClient.JSON.createObjectNode();
          bad.put("op", "error");
          bad.put("code", "MALFORMED_RESPONSE");
          listener.accept(bad);
        }
      }
      ws.request(1);
      return CompletableFuture.completedFuture(null);
    }

    /** Completes a submitted request's future if {@code m} is its ack or error. */
    private boolean answered(JsonNode m) {
      if (!m.has("id")) {
        return false;
      }
      CompletableFuture<Long> ack = pending.remove(m.path("id").asLong());
      if (ack == null) {
        return false;
      }
      if ("ack".equals(m.path("op").asText())) {
        ack.complete(m.path("sequence").asLong());
      } else {
        ack.completeExceptionally(
            new SableApiException(0, m.path("code").asText(), m.path("message").asText()));
      }
      return true;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      failAll(error);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      failAll(new IllegalStateException("the node closed the socket: " + status + " " + reason));
      return null;
    }

    /** A closed socket answers nothing more: its requests in flight fail (they may be durable). */
    private void failAll(Throwable error) {
      pending
          .keySet()
          .forEach(
              id -> {
                CompletableFuture<Long> ack = pending.remove(id);
                if (ack != null) {
                  ack.completeExceptionally(error);
                }
              });
    }
  }
}
