package dev.sable.node.api;

import dev.sable.crypto.sealed.SealedMessage;
import dev.sable.crypto.sealed.SealedMessageException;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.intake.Intake;
import dev.sable.node.intake.RequestKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * POST /v1/orders, /v1/orders/amend, /v1/orders/cancel, /v1/withdrawals: a sealed request in, its
 * journal sequence number out (202) once it is durable. The handler sees only ciphertext; intake
 * opens it.
 */
final class SealedRoutes {
  /** What a batch may hold: orders, amends and cancels (withdrawals go one by one). */
  private static final Set<RequestKind> BATCHABLE =
      EnumSet.of(RequestKind.ORDER, RequestKind.AMEND, RequestKind.CANCEL);

  private final Intake intake;
  private final ConnectionLimits limits;
  private final Timer ackTime;
  private final Timer handoffTime;

  SealedRoutes(Intake intake, ConnectionLimits limits, MeterRegistry metrics) {
    this.intake = intake;
    this.limits = limits;
    this.ackTime = ackTimer(metrics);
    this.handoffTime = handoffTimer(metrics);
  }

  /**
   * From a sealed request's outcome (durable or refused) to its answer's turn on the connection's
   * event loop, over HTTP (one request) or WebSocket.
   */
  static Timer handoffTimer(MeterRegistry metrics) {
    return Timer.builder("sable.intake.ack.handoff")
        .description(
            "from a sealed request's outcome (durable or refused) to its answer's turn on the"
                + " connection's event loop")
        .publishPercentiles(0.5, 0.99)
        .register(metrics);
  }

  /** From a sealed request's arrival to its durable acknowledgement, over HTTP or WebSocket. */
  static Timer ackTimer(MeterRegistry metrics) {
    return Timer.builder("sable.intake.ack")
        .description("from a sealed request's arrival to its durable acknowledgement")
        .publishPercentiles(0.5, 0.99)
        .register(metrics);
  }

  Handler<RoutingContext> handler(RequestKind kind) {
    return rc -> {
      long start = System.nanoTime();
      SealedMessage message = parse((JsonObject) JsonBodies.parsed(rc));
      Replies.later(
          rc,
          intake.submit(kind, message),
          sequence -> {
            ackTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            Replies.json(rc, 202, Buffer.buffer("{\"sequence\":" + sequence + "}"));
          },
          handoffTime);
    };
  }

  /**
   * POST /v1/orders/batch: each request is taken or refused on its own; the answer lists each one's
   * sequence number or error, in order, once all are settled.
   */
  Handler<RoutingContext> batch() {
    return rc -> {
      long start = System.nanoTime();
      JsonArray items = ((JsonObject) JsonBodies.parsed(rc)).getJsonArray("requests");
      if (!limits.take(rc, items.size() - 1)) {
        throw new NodeError(ErrorCode.RATE_LIMITED);
      }
      List<SealedMessage> messages = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        messages.add(parse(items.getJsonObject(i)));
      }
      List<CompletableFuture<Long>> acks = intake.submit(BATCHABLE, messages);
      CompletableFuture<List<Map<String, Object>>> settled =
          CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
              .handle((all, any) -> acks.stream().map(SealedRoutes::outcome).toList());
      Replies.later(
          rc,
          settled,
          results -> {
            long elapsed = System.nanoTime() - start;
            acks.stream()
                .filter(a -> !a.isCompletedExceptionally())
                .forEach(a -> ackTime.record(elapsed, TimeUnit.NANOSECONDS));
            Replies.json(rc, 200, Map.of("results", results));
          });
    };
  }

  /** A settled request's answer: its sequence number, or its error's code and message. */
  private static Map<String, Object> outcome(CompletableFuture<Long> ack) {
    try {
      return Map.of("sequence", ack.join());
    } catch (CompletionException | CancellationException e) {
      NodeError error = ErrorResponses.classify(e, 500);
      return Map.of("code", error.code().name(), "message", error.getMessage());
    }
  }

  /** The body, already checked against the schema (hex of the right lengths). */
  static SealedMessage parse(JsonObject body) {
    try {
      HexFormat hex = HexFormat.of();
      return new SealedMessage(
          hex.parseHex(body.getString("enc")),
          body.getLong("seq"),
          hex.parseHex(body.getString("ciphertext")));
    } catch (SealedMessageException | IllegalArgumentException | ClassCastException e) {
      throw new NodeError(ErrorCode.INVALID_REQUEST, "not a sealed request");
    }
  }
}
