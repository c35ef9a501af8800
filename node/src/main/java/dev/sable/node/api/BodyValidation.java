package dev.sable.node.api;

import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.function.Predicate;

/**
 * Validates a JSON body against its operation's schema in the OpenAPI document, on the event loop.
 * Used for the sealed-request routes, whose only input is the body: the router's own validator runs
 * every request through a worker thread (vertx-openapi 5.0.7 validates inside executeBlocking),
 * which cost about a fifth of the CPU per order in the intake benchmark. A body that the route's
 * direct test of its shape accepts ({@link SealedShape}, which accepts nothing the schema refuses)
 * passes at once; any other goes to the schema validator, for its verdict and its message.
 */
final class BodyValidation implements Handler<RoutingContext> {
  private final Validator validator;
  private final Predicate<Object> shape;

  BodyValidation(OpenAPIContract contract, String operationId, Predicate<Object> shape) {
    Operation operation = contract.operation(operationId);
    this.validator =
        contract
            .getSchemaRepository()
            .validator(operation.getRequestBody().getContent().get("application/json").getSchema());
    this.shape = shape;
  }

  @Override
  public void handle(RoutingContext rc) {
    Object json = JsonBodies.parsed(rc);
    if (json == null) {
      rc.fail(
          new NodeError(
              ErrorCode.INVALID_REQUEST,
              "The related request does not contain the required body."));
      return;
    }
    if (shape.test(json)) {
      rc.next();
      return;
    }
    OutputUnit result = validator.validate(json);
    try {
      result.checkValidity();
    } catch (JsonSchemaValidationException e) {
      rc.fail(
          new NodeError(
              ErrorCode.INVALID_REQUEST,
              "The value of the request body is invalid. Reason: " + e.getMessage()));
      return;
    }
    rc.next();
  }
}
