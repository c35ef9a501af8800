package dev.sable.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The node's WebSocket channels (/v1/ws): public {@code trades} and {@code depth} of a market, and
 * after {@link #login} the account's own {@code account} channel (order outcomes and fills). Each
 * message arrives as a JSON tree on the listener, in order.
 */
public final class SableStream implements AutoCloseable {
  private final WebSocket socket;

  private SableStream(WebSocket socket) {
    this.socket = socket;
  }

  public static SableStream open(URI httpBase, Consumer<JsonNode> listener) {
    URI ws = URI.create(httpBase.toString().replaceFirst("^http", "ws")).resolve("/v1/ws");
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(ws, new Listener(listener))
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    return new SableStream(socket);
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
    socket.sendText(message.toString(), true).orTimeout(10, TimeUnit.SECONDS).join();
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
    private final StringBuilder partial = new StringBuilder();

    Listener(Consumer<JsonNode> listener) {
      this.listener = listener;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          listener.accept(SableClient.JSON.readTree(text));
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
  }
}
