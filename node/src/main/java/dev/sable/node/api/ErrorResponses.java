package dev.sable.node.api;

import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure as {@code {"code", "message"}} with its HTTP status: refusals (a {@link
 * NodeError}), schema violations, bodies that are not JSON or too large, timeouts, unknown paths;
 * anything else is INTERNAL and logged with its type (never a request's contents).
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  private static final int MAX_MESSAGE = 300;

  private ErrorResponses() {}

  static void handle(RoutingContext rc) {
    NodeError error = classify(rc.failure(), rc.statusCode());
    if (error.code() == ErrorCode.INTERNAL) {
      Throwable f = rc.failure();
      LOG.warn(
          "internal error on {} {}: {}",
          rc.request().method(),
          rc.request().path(),
          f == null ? "status " + rc.statusCode() : f.getClass().getName());
    }
    send(rc.response(), error);
  }

  static void send(HttpServerResponse response, NodeError error) {
    if (response.ended() || response.closed()) {
      return;
    }
    response
        .setStatusCode(error.code().status())
        .putHeader("content-type", "application/json")
        .end(Json.buffer(Map.of("code", error.code().name(), "message", error.getMessage())));
  }

  static NodeError classify(Throwable failure, int status) {
    Throwable f = unwrap(failure);
    if (f instanceof NodeError e) {
      return e;
    }
    for (Throwable c = f; c != null; c = c.getCause()) {
      if (c instanceof DecodeException) {
        return new NodeError(ErrorCode.MALFORMED_JSON);
      }
      if (c instanceof ValidatorException v) {
        return new NodeError(ErrorCode.INVALID_REQUEST, shorten(v.getMessage()));
      }
    }
    int code = f instanceof HttpException h ? h.getStatusCode() : status;
    return switch (code) {
      case 400 -> new NodeError(ErrorCode.INVALID_REQUEST);
      case 404 -> new NodeError(ErrorCode.NOT_FOUND);
      case 405 -> new NodeError(ErrorCode.NOT_FOUND, "this path does not take that method");
      case 413 -> new NodeError(ErrorCode.BODY_TOO_LARGE);
      case 503 -> new NodeError(ErrorCode.TIMEOUT);
      default -> new NodeError(ErrorCode.INTERNAL);
    };
  }

  static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String shorten(String message) {
    if (message == null) {
      return ErrorCode.INVALID_REQUEST.description();
    }
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
  }
}
