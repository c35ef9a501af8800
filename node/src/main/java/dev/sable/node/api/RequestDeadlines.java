package dev.sable.node.api;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.ArrayDeque;

/**
 * The request timeout without a timer per request (Vert.x's {@code TimeoutHandler} sets and cancels
 * one for every request): each event loop keeps its requests in arrival order, and one sweep per
 * loop, every {@link #sweepMs()} while any are in flight, fails with 503 (TIMEOUT) those not
 * answered within the timeout, a client still trickling its body included, and forgets those
 * answered or closed. A request is so cut off between its timeout and one sweep later.
 */
final class RequestDeadlines implements PlatformHandler {
  private final long timeoutNanos;
  private final long sweepMs;
  private final Object key = new Object(); // this handler's in-flight list in a context's data

  RequestDeadlines(long timeoutMs) {
    this.timeoutNanos = timeoutMs * 1_000_000;
    this.sweepMs = Math.clamp(timeoutMs / 10, 10, 100);
  }

  long sweepMs() {
    return sweepMs;
  }

  @Override
  public void handle(RoutingContext rc) {
    inFlight(Vertx.currentContext()).add(rc, System.nanoTime() + timeoutNanos);
    rc.next();
  }

  /** How many requests the current context's loop still watches (for tests). */
  int watched(Context context) {
    InFlight f = context.get(key);
    return f == null ? 0 : f.requests.size();
  }

  private InFlight inFlight(Context context) {
    InFlight f = context.get(key);
    if (f == null) {
      f = new InFlight(context);
      context.put(key, f);
    }
    return f;
  }

  private record Watched(RoutingContext rc, long deadline) {}

  /** One event loop's requests in arrival order (so in deadline order); touched only on it. */
  private final class InFlight {
    private final Context context;
    private final ArrayDeque<Watched> requests = new ArrayDeque<>();
    private boolean armed;

    InFlight(Context context) {
      this.context = context;
    }

    void add(RoutingContext rc, long deadline) {
      requests.addLast(new Watched(rc, deadline));
      if (!armed) {
        armed = true;
        context.owner().setTimer(sweepMs, t -> sweep());
      }
    }

    private void sweep() {
      long now = System.nanoTime();
      for (int n = requests.size(); n > 0; n--) {
        Watched w = requests.pollFirst();
        HttpServerResponse response = w.rc().response();
        if (response.ended() || response.closed()) {
          continue;
        }
        if (now - w.deadline() >= 0) {
          if (!w.rc().request().isEnded()) {
            w.rc().request().resume();
          }
          w.rc().fail(503);
        } else {
          requests.addLast(w);
        }
      }
      armed = !requests.isEmpty();
      if (armed) {
        context.owner().setTimer(sweepMs, t -> sweep());
      }
    }
  }
}
