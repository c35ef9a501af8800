package dev.sable.node.api;

import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Answers a request from work done on another thread, back on the request's event loop. */
final class Replies {
  private Replies() {}

  static void json(RoutingContext rc, int status, Object body) {
    if (rc.response().ended() || rc.response().closed()) {
      return;
    }
    rc.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(Json.buffer(body));
  }

  /** Replies with the future's value (200), or its failure as an error body. */
  static <T> void later(RoutingContext rc, CompletableFuture<T> work) {
    later(rc, work, v -> json(rc, 200, v));
  }

  /** Runs onValue with the future's value on the request's context, or replies with its failure. */
  static <T> void later(RoutingContext rc, CompletableFuture<T> work, Consumer<T> onValue) {
    Context context = Vertx.currentContext();
    work.whenComplete(
        (value, failure) ->
            context.runOnContext(
                v -> {
                  if (failure != null) {
                    rc.fail(failure);
                  } else if (value == null) {
                    rc.fail(new NodeError(ErrorCode.NOT_FOUND));
                  } else {
                    onValue.accept(value);
                  }
                }));
  }
}
