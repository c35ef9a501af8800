package dev.sable.node.api;

import dev.sable.crypto.sealed.SealedMessage;
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
 * reports alike. A body that is exactly a single sealed request ({@link SealedBody}) is read as one
 * without a JSON tree; the tree is built only if a handler asks for it.
 */
final class JsonBodies implements Handler<RoutingContext> {
  private static final String PARSED = "sable.json";
  private static final String SEALED = "sable.sealed";

  @Override
  public void handle(RoutingContext rc) {
    Buffer body = rc.body().buffer();
    if (body != null && body.length() > 0) {
      SealedMessage sealed = SealedBody.read(body);
      if (sealed != null) {
        rc.put(SEALED, sealed);
        rc.next();
        return;
      }
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
    Object json = rc.get(PARSED);
    if (json == null && sealed(rc) != null) {
      json = Json.decodeValue(rc.body().buffer()); // valid JSON: SealedBody read it
      rc.put(PARSED, json);
    }
    return json;
  }

  /** The body as a single sealed request, or null when it is not exactly one. */
  static SealedMessage sealed(RoutingContext rc) {
    return rc.get(SEALED);
  }
}
