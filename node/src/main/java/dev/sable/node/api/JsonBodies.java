package dev.sable.node.api;

import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;

/**
 * Tells a body that is not JSON (MALFORMED_JSON) from JSON that breaks the schema
 * (INVALID_REQUEST), which the OpenAPI validator reports alike.
 */
final class JsonBodies implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext rc) {
    Buffer body = rc.body().buffer();
    if (body != null && body.length() > 0) {
      try {
        io.vertx.core.json.Json.decodeValue(body);
      } catch (DecodeException e) {
        rc.fail(new NodeError(ErrorCode.MALFORMED_JSON));
        return;
      }
    }
    rc.next();
  }
}
