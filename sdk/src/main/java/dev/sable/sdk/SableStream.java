package dev.sable.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sable.crypto.sealed.SealedMessage;
import dev.sable.crypto.sealed.SubmitAnswer;
import dev.sable.crypto.sealed.SubmitFrame;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The node's WebSocket channels (/v1/ws): public {@code trades} and {@code depth} of a market, and
 * after {@link #login} the account's own {@code account} channel (order outcomes and fills). Each
 * message arrives as a JSON tree on the listener, in order. Sealed requests go over the same socket
 * ({@link #submit}), many in flight at once, as JSON text frames or, for a stream opened with
 * {@link Frames#BINARY}, as binary frames ({@link SubmitFrame}: no JSON or hex on either side);
 * their answers complete their futures and do not reach the listener.
 */
public final class SableStream implements AutoCloseable {
  /** How {@link #submit} sends a sealed request. */
  public enum Frames {
    /** {@code {"op":"submit",...}} text frames, answered in JSON. */
    JSON,
    /** Binary frames (docs/node.md, "Binary frames"), answered in binary. */
    BINARY
  }

  private final WebSocket socket;
  private final Frames frames;
  private final Map<Long, CompletableFuture<Long>> pending;
  private final AtomicLong nextId = new AtomicLong();
  // the JDK's WebSocket takes one send at a time: each waits for the one before
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

  private SableStream(WebSocket socket, Frames frames, Map<Long, CompletableFuture<Long>> pending) {
    this.socket = socket;
    this.frames = frames;
    this.pending = pending;
  }

  /** A stream whose requests go as JSON text frames. */
  public static SableStream open(URI httpBase, Consumer<JsonNode> listener) {
    return open(httpBase, listener, Frames.JSON);
  }

  public static SableStream open(URI httpBase, Consumer<JsonNode> listener, Frames frames) {
    URI ws = URI.create(httpBase.toString().replaceFirst("^http", "ws")).resolve("/v1/ws");
    Map<Long, CompletableFuture<Long>> pending = new ConcurrentHashMap<>();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(ws, new Listener(listener, pending))
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    return new SableStream(socket, frames, pending);
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
    CompletableFuture<?> sent;
    if (frames == Frames.BINARY) {
      byte[] frame = new SubmitFrame(frameKind(kind), id, message).encode();
      sent = sendAsync(() -> socket.sendBinary(ByteBuffer.wrap(frame), true));
    } else {
      ObjectNode m = SableClient.JSON.createObjectNode();
      m.put("op", "submit");
      m.put("id", id);
      m.put("kind", kind);
      m.set("request", SableClient.sealed(message));
      sent = sendAsync(m);
    }
    sent.whenComplete(
        (v, failure) -> {
          if (failure != null && pending.remove(id) != null) {
            ack.completeExceptionally(failure);
          }
        });
    return ack;
  }

  private static byte frameKind(String kind) {
    return switch (kind) {
      case "order" -> SubmitFrame.ORDER;
      case "cancel" -> SubmitFrame.CANCEL;
      case "amend" -> SubmitFrame.AMEND;
      case "withdrawal" -> SubmitFrame.WITHDRAWAL;
      default ->
          throw new IllegalArgumentException("kind must be order, amend, cancel or withdrawal");
    };
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

  private CompletableFuture<?> sendAsync(JsonNode message) {
    String text = message.toString();
    return sendAsync(() -> socket.sendText(text, true));
  }

  private synchronized CompletableFuture<?> sendAsync(Supplier<CompletableFuture<WebSocket>> send) {
    sending = sending.handle((v, e) -> null).thenCompose(v -> send.get());
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

  /**
   * Joins text fragments into whole messages and hands each to the listener as JSON; binary answers
   * complete their requests' futures.
   */
  private static final class Listener implements WebSocket.Listener {
    private final Consumer<JsonNode> listener;
    private final Map<Long, CompletableFuture<Long>> pending;
    private final StringBuilder partial = new StringBuilder();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();

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

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      partialBinary.writeBytes(chunk);
      if (last) {
        byte[] frame = partialBinary.toByteArray();
        partialBinary.reset();
        answered(frame);
      }
      ws.request(1);
      return CompletableFuture.completedFuture(null);
    }

    /** Completes a request's future from its binary answer; anything else goes to the listener. */
    private void answered(byte[] frame) {
      ObjectNode error = SableClient.JSON.createObjectNode().put("op", "error");
      try {
        switch (SubmitAnswer.decode(ByteBuffer.wrap(frame))) {
          case SubmitAnswer.Ack a -> complete(a.id(), a.sequence(), null);
          case SubmitAnswer.Refused r ->
              complete(r.id(), 0, new SableApiException(0, r.code(), r.message()));
          case SubmitAnswer.FrameRefused f ->
              listener.accept(error.put("code", f.code()).put("message", f.message()));
        }
      } catch (IllegalArgumentException e) {
        listener.accept(error.put("code", "MALFORMED_RESPONSE"));
      }
    }

    /** Completes request {@code id}'s future; false if no request of this stream has that id. */
    private boolean complete(long id, long sequence, SableApiException failure) {
      CompletableFuture<Long> ack = pending.remove(id);
      if (ack == null) {
        return false;
      }
      if (failure == null) {
        ack.complete(sequence);
      } else {
        ack.completeExceptionally(failure);
      }
      return true;
    }

    /** Completes a submitted request's future if {@code m} is its ack or error. */
    private boolean answered(JsonNode m) {
      if (!m.has("id")) {
        return false;
      }
      return complete(
          m.path("id").asLong(),
          m.path("sequence").asLong(),
          "ack".equals(m.path("op").asText())
              ? null
              : new SableApiException(0, m.path("code").asText(), m.path("message").asText()));
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
