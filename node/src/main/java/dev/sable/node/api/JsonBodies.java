package dev.sable.node.api;

import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Parses a request's JSON body once, for every handler after it, and tells a body that is not JSON
 * (MALFORMED_JSON) from JSON that breaks the schema (INVALID_REQUEST), which the OpenAPI validator
 * reports alike.
 */
final class JsonBodies implements Handler<RoutingContext> {
  private static final String PARSED = "sable.json";

  @Override
  public void handle(RoutingContext rc) {
    Buffer body = rc.body().buffer();
    if (body != null && body.length() > 0) {
      try {
        rc.put(PARSED, Json.decodeValue(body));
      } catch (DecodeException e) {
        rc.fail(new NodeError(ErrorCode.MALFORMED_JSON));
        return;
      }
    }
    rc.next();
  }

  /** The parsed body (a JsonObject, JsonArray or scalar), or null when there is none. */
  static Object parsed(RoutingContext rc) {
    return rc.get(PARSED);
  }
}
