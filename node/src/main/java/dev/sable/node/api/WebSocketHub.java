package dev.sable.node.api;

import dev.sable.crypto.sealed.SubmitAnswer;
import dev.sable.crypto.sealed.SubmitFrame;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.sequencing.AccountEvent;
import dev.sable.node.sequencing.Publisher;
import dev.sable.node.sequencing.Trade;
import dev.sable.node.sequencing.Views;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket channels at {@code /v1/ws}: {@code trades} and {@code depth} of a market for
 * anyone, {@code account} (own orders and fills) after a login with a session token. Client
 * messages: {@code {"op":"login","token":..}}, {@code {"op":"subscribe"|"unsubscribe",
 * "channel":..,"market":..}}, and sealed requests ({@code {"op":"submit",..}}, {@link
 * SocketOrders}), as JSON text frames or binary frames ({@link SubmitFrame}). Limits: {@link
 * #MAX_SUBSCRIPTIONS} per socket, {@link #MAX_MESSAGES_PER_SECOND} other client messages a second,
 * submits at the HTTP connection's rate (over it: a RATE_LIMITED answer, the socket stays open),
 * and a socket that does not read what it is sent is closed rather than let it hold memory: once
 * more than {@link #WRITE_QUEUE_BYTES} wait to be written to it, the next write closes it with 1008
 * "slow consumer" (counted in {@code sable_ws_closed_total{reason="slow_consumer"}}), and the
 * answers still to come are dropped: their requests stay journaled, and a re-sent one is refused as
 * REPLAYED.
 */
final class WebSocketHub implements Publisher {
  static final int MAX_SUBSCRIPTIONS = 16;
  static final int MAX_MESSAGES_PER_SECOND = 50;
  static final int WRITE_QUEUE_BYTES = 1 << 20;

  private final Sessions sessions;
  private final SocketOrders orders;
  private final ConnectionLimits limits;
  private final Map<Integer, Set<Client>> accounts = new ConcurrentHashMap<>();
  private final Map<Integer, Set<Client>> trades = new ConcurrentHashMap<>();
  private final Map<Integer, Set<Client>> depth = new ConcurrentHashMap<>();

  private final Counter slowConsumers;
  private final Counter floods;

  WebSocketHub(
      Sessions sessions, SocketOrders orders, ConnectionLimits limits, MeterRegistry metrics) {
    this.sessions = sessions;
    this.orders = orders;
    this.limits = limits;
    this.slowConsumers = closed(metrics, "slow_consumer");
    this.floods = closed(metrics, "too_many_messages");
  }

  private static Counter closed(MeterRegistry metrics, String reason) {
    return Counter.builder("sable.ws.closed")
        .description("WebSockets the node closed for a client's behaviour, by reason")
        .tag("reason", reason)
        .register(metrics);
  }

  /** One connected socket and its state, touched only on its own event loop. */
  private final class Client {
    final ServerWebSocket ws;
    final Context context;
    int account = -1;
    int subscriptions;
    long windowStart = System.nanoTime();
    int messagesInWindow;

    /** Closed for not reading (the slow-consumer rule): nothing more is written to it. */
    boolean dropped;

    final TokenBucket submits;

    Client(ServerWebSocket ws, TokenBucket submits) {
      this.ws = ws;
      this.context = Vertx.currentContext();
      this.submits = submits;
    }

    /** Sends from any thread: the write runs on the socket's event loop. */
    void send(String text) {
      context.runOnContext(v -> write(text));
    }

    /** Runs a task on the socket's event loop. */
    void onLoop(Runnable task) {
      context.runOnContext(v -> task.run());
    }

    /** Writes a text message; on the socket's event loop only. */
    void write(String text) {
      if (writable()) {
        ws.writeTextMessage(text);
      }
    }

    /** Writes a binary message; on the socket's event loop only. */
    void write(SubmitAnswer answer) {
      if (writable()) {
        ws.writeBinaryMessage(Buffer.buffer(answer.encode()));
      }
    }

    /** Whether the socket takes a write; a socket whose write queue is full is closed. */
    private boolean writable() {
      if (dropped || ws.isClosed()) {
        return false;
      }
      if (ws.writeQueueFull()) {
        dropped = true;
        slowConsumers.increment();
        ws.close((short) 1008, "slow consumer");
        return false;
      }
      return true;
    }
  }

  void accept(ServerWebSocket ws) {
    if (!"/v1/ws".equals(ws.path())) {
      ws.close((short) 1008, "unknown path");
      return;
    }
    ws.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    Client client = new Client(ws, limits.bucket());
    ws.textMessageHandler(text -> onMessage(client, text));
    ws.binaryMessageHandler(frame -> submit(client, frame));
    ws.closeHandler(v -> forget(client));
  }

  private void onMessage(Client client, String text) {
    JsonObject m;
    try {
      m = new JsonObject(text);
    } catch (DecodeException e) {
      error(client, new NodeError(ErrorCode.MALFORMED_JSON));
      return;
    }
    if ("submit".equals(m.getValue("op"))) {
      submit(client, m);
      return;
    }
    long now = System.nanoTime();
    if (now - client.windowStart > 1_000_000_000L) {
      client.windowStart = now;
      client.messagesInWindow = 0;
    }
    if (++client.messagesInWindow > MAX_MESSAGES_PER_SECOND) {
      floods.increment();
      client.ws.close((short) 1008, "too many messages");
      return;
    }
    try {
      String op = m.getString("op", "");
      switch (op) {
        case "login" -> {
          client.account = (int) sessions.account(m.getString("token"));
          reply(client, Map.of("op", "login", "account", client.account));
        }
        case "subscribe" -> subscribe(client, m, true);
        case "unsubscribe" -> subscribe(client, m, false);
        default -> throw new NodeError(ErrorCode.INVALID_REQUEST, "unknown op");
      }
    } catch (ClassCastException e) {
      error(client, new NodeError(ErrorCode.INVALID_REQUEST, "a field has the wrong type"));
    } catch (NodeError e) {
      error(client, e);
    }
  }

  /** A sealed request: answered by id once durable or refused; the socket stays open either way. */
  private void submit(Client client, JsonObject m) {
    long id;
    try {
      id = SocketOrders.id(m);
    } catch (NodeError e) {
      error(client, e);
      return;
    }
    if (!client.submits.take(1)) {
      reply(client, SocketOrders.error(id, new NodeError(ErrorCode.RATE_LIMITED)));
      return;
    }
    try {
      // the answer is composed and written on the socket's event loop, not on the journal's
      // thread, which completes every acknowledged request of a group commit in turn
      orders.submit(m, client::onLoop, answer -> client.write(Json.text(answer)));
    } catch (NodeError e) {
      reply(client, SocketOrders.error(id, e));
    }
  }

  /** A sealed request as a binary frame: answered in binary, by request id when it has one. */
  private void submit(Client client, Buffer bytes) {
    SubmitFrame frame;
    try {
      frame = SubmitFrame.decode(ByteBuffer.wrap(bytes.getBytes()));
    } catch (SubmitFrame.FrameException e) {
      client.write(SocketOrders.refusal(e));
      return;
    }
    if (!client.submits.take(1)) {
      NodeError limited = new NodeError(ErrorCode.RATE_LIMITED);
      client.write(
          new SubmitAnswer.Refused(frame.id(), limited.code().name(), limited.getMessage()));
      return;
    }
    orders.submit(frame, client::onLoop, client::write);
  }

  private void subscribe(Client client, JsonObject m, boolean on) {
    String channel = m.getString("channel", "");
    Map<Integer, Set<Client>> table;
    int key;
    switch (channel) {
      case "account" -> {
        if (client.account < 0) {
          throw new NodeError(ErrorCode.UNAUTHENTICATED, "log in before the account channel");
        }
        table = accounts;
        key = client.account;
      }
      case "trades", "depth" -> {
        Integer market = m.getInteger("market");
        if (market == null || market < 0 || market > 63) {
          throw new NodeError(ErrorCode.INVALID_REQUEST, "market must be 0..63");
        }
        table = channel.equals("trades") ? trades : depth;
        key = market;
      }
      default -> throw new NodeError(ErrorCode.INVALID_REQUEST, "unknown channel");
    }
    Set<Client> set = table.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
    if (on) {
      if (client.subscriptions >= MAX_SUBSCRIPTIONS) {
        throw new NodeError(
            ErrorCode.RATE_LIMITED, "at most " + MAX_SUBSCRIPTIONS + " subscriptions");
      }
      if (set.add(client)) {
        client.subscriptions++;
      }
    } else if (set.remove(client)) {
      client.subscriptions--;
    }
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("op", on ? "subscribed" : "unsubscribed");
    ack.put("channel", channel);
    if (!channel.equals("account")) {
      ack.put("market", key);
    }
    reply(client, ack);
  }

  private void forget(Client client) {
    for (Map<Integer, Set<Client>> table : java.util.List.of(accounts, trades, depth)) {
      for (Set<Client> set : table.values()) {
        set.remove(client);
      }
    }
  }

  private static void reply(Client client, Object body) {
    client.write(Json.text(body));
  }

  private static void error(Client client, NodeError e) {
    reply(client, Map.of("op", "error", "code", e.code().name(), "message", e.getMessage()));
  }

  @Override
  public void account(int account, AccountEvent event) {
    Set<Client> set = accounts.get(account);
    if (set != null && !set.isEmpty()) {
      String text = Json.text(Map.of("channel", "account", "data", Json.event(event)));
      set.forEach(c -> c.send(text));
    }
  }

  @Override
  public void trade(int market, Trade trade) {
    Set<Client> set = trades.get(market);
    if (set != null && !set.isEmpty()) {
      String text = Json.text(Map.of("channel", "trades", "market", market, "data", trade));
      set.forEach(c -> c.send(text));
    }
  }

  /** Whether anyone follows a market's depth. */
  boolean wantsDepth(int market) {
    Set<Client> set = depth.get(market);
    return set != null && !set.isEmpty();
  }

  void depth(Views.Depth d) {
    Set<Client> set = depth.get(d.market());
    if (set != null && !set.isEmpty()) {
      String text = Json.text(Map.of("channel", "depth", "market", d.market(), "data", d));
      set.forEach(c -> c.send(text));
    }
  }
}
