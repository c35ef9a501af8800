package dev.sable.node.api;

import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Answers a request from work done on another thread, back on the request's event loop. */
final class Replies {
  // encoded once: Netty writes them as they are
  private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("content-type");
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

  private Replies() {}

  static void json(RoutingContext rc, int status, Object body) {
    json(rc, status, Json.buffer(body));
  }

  /** Replies with a body that is JSON already. */
  static void json(RoutingContext rc, int status, Buffer body) {
    if (rc.response().ended() || rc.response().closed()) {
      return;
    }
    rc.response().setStatusCode(status).putHeader(CONTENT_TYPE, JSON).end(body);
  }

  /** Replies with the future's value (200), or its failure as an error body. */
  static <T> void later(RoutingContext rc, CompletableFuture<T> work) {
    later(rc, work, v -> json(rc, 200, v));
  }

  /** Runs onValue with the future's value on the request's context, or replies with its failure. */
  static <T> void later(RoutingContext rc, CompletableFuture<T> work, Consumer<T> onValue) {
    later(rc, work, onValue, null);
  }

  /**
   * As {@link #later(RoutingContext, CompletableFuture, Consumer)}, recording in {@code handoff}
   * (unless null) how long the outcome waits for its turn on the request's event loop.
   */
  static <T> void later(
      RoutingContext rc, CompletableFuture<T> work, Consumer<T> onValue, Timer handoff) {
    Context context = Vertx.currentContext();
    work.whenComplete(
        (value, failure) -> {
          long settled = handoff == null ? 0 : System.nanoTime();
          context.runOnContext(
              v -> {
                if (handoff != null) {
                  handoff.record(System.nanoTime() - settled, TimeUnit.NANOSECONDS);
                }
                if (failure != null) {
                  rc.fail(failure);
                } else if (value == null) {
                  rc.fail(new NodeError(ErrorCode.NOT_FOUND));
                } else {
                  onValue.accept(value);
                }
              });
        });
  }
}
