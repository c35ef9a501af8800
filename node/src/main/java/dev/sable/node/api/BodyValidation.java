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

/**
 * Validates a JSON body against its operation's schema in the OpenAPI document, on the event loop.
 * Used for the sealed-order routes, whose only input is the body: the router's own validator runs
 * every request through a worker thread (vertx-openapi 5.0.7 validates inside executeBlocking),
 * which cost about a fifth of the node's CPU per order in the intake benchmark.
 */
final class BodyValidation implements Handler<RoutingContext> {
  private final Validator validator;

  BodyValidation(OpenAPIContract contract, String operationId) {
    Operation operation = contract.operation(operationId);
    this.validator =
        contract
            .getSchemaRepository()
            .validator(operation.getRequestBody().getContent().get("application/json").getSchema());
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
