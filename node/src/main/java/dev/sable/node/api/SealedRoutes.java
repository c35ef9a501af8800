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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * POST /v1/orders, /v1/orders/amend, /v1/orders/cancel, /v1/withdrawals: a sealed request in, its
 * journal sequence number out (202) once it is durable. The handler sees only ciphertext; intake
 * opens it.
 */
final class SealedRoutes {
  private final Intake intake;
  private final Timer ackTime;

  SealedRoutes(Intake intake, MeterRegistry metrics) {
    this.intake = intake;
    this.ackTime =
        Timer.builder("sable.intake.ack")
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
            Replies.json(rc, 202, Map.of("sequence", sequence));
          });
    };
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
