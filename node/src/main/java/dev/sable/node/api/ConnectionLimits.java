package dev.sable.node.api;

import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per connection: at most {@code perSecond} requests a second on average, bursts of
 * {@code burst}; a request over it is refused with RATE_LIMITED at once, so an abusive client costs
 * the node almost nothing and others keep their share. Each connection's bucket is touched only on
 * its own event loop.
 */
final class ConnectionLimits implements PlatformHandler {
  private final int perSecond;
  private final int burst;
  private final Map<HttpConnection, TokenBucket> buckets = new ConcurrentHashMap<>();

  ConnectionLimits(int perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** A bucket of this limit for one WebSocket, which sends many requests on one upgrade. */
  TokenBucket bucket() {
    return new TokenBucket(perSecond, burst);
  }

  @Override
  public void handle(RoutingContext rc) {
    if (take(rc, 1)) {
      rc.next();
    } else {
      rc.fail(new NodeError(ErrorCode.RATE_LIMITED));
    }
  }

  /**
   * Takes {@code tokens} from the request's connection's bucket, if it holds that many (a batch of
   * n requests takes n - 1 more once its size is known); on the connection's event loop.
   */
  boolean take(RoutingContext rc, int tokens) {
    HttpConnection connection = rc.request().connection();
    TokenBucket bucket = buckets.get(connection); // computeIfAbsent locks its bin even on a hit
    if (bucket != null) {
      return bucket.take(tokens);
    }
    return buckets
        .computeIfAbsent(
            connection,
            c -> {
              c.closeHandler(v -> buckets.remove(c));
              return bucket();
            })
        .take(tokens);
  }

  int tracked() {
    return buckets.size();
  }
}
