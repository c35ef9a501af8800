package dev.sable.node.api;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.InvalidEncodingException;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.intake.RequestKind;
import dev.sable.node.sequencing.StateQueries;
import dev.sable.node.sequencing.Views;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The node's HTTP face: the REST API routed and validated from its OpenAPI 3 document (served at
 * {@code /openapi.yaml}), the WebSocket channels at {@code /v1/ws}, {@code /health}, {@code /ready}
 * and {@code /metrics} (Prometheus). Runs on Vert.x event loops; work that takes time goes to
 * intake's verifier threads, the journal and the sequencer's thread.
 */
public final class ApiServer implements AutoCloseable {
  public static final String CONTRACT = "openapi.yaml";
  private static final long DEPTH_PUBLISH_MS = 100;

  private final Vertx vertx;
  private final Servers servers;
  private final long depthTimer;

  private ApiServer(Vertx vertx, Servers servers, long depthTimer) {
    this.vertx = vertx;
    this.servers = servers;
    this.depthTimer = depthTimer;
  }

  /** Builds the routes and listens; returns once the port is bound. */
  public static ApiServer start(Vertx vertx, ApiConfig config, ApiContext ctx) {
    Sessions sessions = new Sessions(ctx.identity().deployment(), ctx.keys()::key, ctx.clock());
    String document = document();
    OpenAPIContract contract;
    try {
      contract =
          OpenAPIContract.from(vertx, new JsonObject(yamlToJson(document)))
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the API's OpenAPI document does not load: " + e, e);
    }
    RouterBuilder builder =
        RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    ConnectionLimits limits = new ConnectionLimits(config.requestsPerSecond(), config.burst());
    WebSocketHub hub =
        new WebSocketHub(
            sessions, new SocketOrders(ctx.intake(), ctx.metrics()), limits, ctx.metrics());
    ctx.publisher().connect(hub);
    builder.rootHandler(limits);
    builder.rootHandler(new RequestDeadlines(config.requestTimeoutMs()));
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(config.bodyLimit()));
    builder.rootHandler(new JsonBodies());

    SealedRoutes sealed = new SealedRoutes(ctx.intake(), limits, ctx.metrics());
    AccountRoutes accounts =
        new AccountRoutes(sessions, ctx.sequencer(), ctx.accounts(), ctx.withdrawalNonce());
    PublicRoutes open = new PublicRoutes(ctx);
    sealedRoute(builder, contract, "submitOrder", sealed.handler(RequestKind.ORDER));
    sealedRoute(builder, contract, "submitCancel", sealed.handler(RequestKind.CANCEL));
    sealedRoute(builder, contract, "submitAmend", sealed.handler(RequestKind.AMEND));
    sealedRoute(builder, contract, "submitWithdrawal", sealed.handler(RequestKind.WITHDRAWAL));
    sealedRoute(
        builder,
        contract,
        "submitMarginMode",
        ctx.marginSwitches()
            ? sealed.handler(RequestKind.MARGIN_MODE)
            : rc -> {
              throw new NodeError(
                  ErrorCode.NO_SWITCH_SLOTS,
                  "this node's L1 batches have no margin-mode switch slots (-s<S>): no switch");
            });
    sealedRoute(builder, contract, "submitBatch", SealedShape.BATCH, sealed.batch());
    route(builder, "authChallenge", accounts::challenge);
    route(builder, "authSession", accounts::session);
    route(builder, "account", accounts.summary());
    route(builder, "margin", accounts.margin());
    route(builder, "positions", accounts.positions());
    route(builder, "openOrders", accounts.openOrders());
    route(builder, "fills", accounts.fills());
    route(builder, "withdrawals", accounts.withdrawals());
    route(builder, "info", open::info);
    route(builder, "status", open::status);
    route(builder, "keyAccount", open::keyAccount);
    route(builder, "depositAccount", open::depositAccount);
    route(builder, "markets", open::markets);
    route(builder, "depth", open::depth);
    route(builder, "trades", open::trades);
    route(builder, "batches", open::batches);
    route(builder, "batch", open::batch);
    route(builder, "devDeposit", devDeposit(ctx.faucet()));

    Router router = builder.createRouter();
    router
        .get("/openapi.yaml")
        .handler(rc -> rc.response().putHeader("content-type", "application/yaml").end(document));
    router.get("/health").handler(rc -> probe(rc, ctx.health().get()));
    router.get("/ready").handler(rc -> probe(rc, ctx.readiness().get()));
    router
        .get("/metrics")
        .handler(
            rc ->
                rc.response()
                    .putHeader("content-type", "text/plain; version=0.0.4")
                    .end(ctx.metrics().scrape()));
    router.route().failureHandler(ErrorResponses::handle);
    router.errorHandler(404, ErrorResponses::handle);
    router.errorHandler(405, ErrorResponses::handle);

    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.port())
            .setIdleTimeout(config.idleTimeoutSeconds())
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            // every write happens on the connection's event loop (Replies hands answers back)
            .setStrictThreadMode(true)
            .setMaxWebSocketFrameSize(4096)
            .setMaxWebSocketMessageSize(4096);
    Servers servers = listen(vertx, config, options, hub::accept, router);
    long timer =
        vertx.setPeriodic(
            DEPTH_PUBLISH_MS,
            t ->
                ctx.sequencer()
                    .query(
                        s -> {
                          List<Views.Depth> changed = new ArrayList<>();
                          ctx.markets().takeChangedBooks().stream()
                              .filter(hub::wantsDepth)
                              .forEach(
                                  m ->
                                      changed.add(
                                          StateQueries.depth(
                                              s, m, 20, ctx.sequencer().appliedSequence())));
                          return changed;
                        })
                    .thenAccept(list -> list.forEach(hub::depth)));
    return new ApiServer(vertx, servers, timer);
  }

  public int port() {
    return servers.port();
  }

  /**
   * Starts {@code config.servers()} HTTP servers on one port, each in its own event-loop context
   * (one deployment, an instance per server: servers created from one outside thread would all get
   * that thread's one context), and Vert.x hands the port's new connections to them in turn. So the
   * connections, and the opening and verifying of their requests, spread over the event loops
   * instead of all landing on one. Vert.x shares a port among servers that ask for the same one;
   * for "any free port" (0) they ask for -1, Vert.x's shared random port (servers on port 0 would
   * each get their own). Returns the deployment; undeploying it closes the servers.
   */
  static Servers listen(
      Vertx vertx,
      ApiConfig config,
      HttpServerOptions options,
      Handler<ServerWebSocket> sockets,
      Handler<HttpServerRequest> requests) {
    int port = config.port() == 0 ? -1 : config.port();
    List<HttpServer> servers = new CopyOnWriteArrayList<>();
    // a new Deployable per instance (Vert.x refuses the same one twice)
    Supplier<Deployable> server =
        () ->
            context ->
                vertx
                    .createHttpServer(new HttpServerOptions(options).setPort(port))
                    .webSocketHandler(sockets)
                    .requestHandler(requests)
                    .listen()
                    .onSuccess(servers::add);
    try {
      String id =
          vertx
              .deployVerticle(server, new DeploymentOptions().setInstances(config.servers()))
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      return new Servers(vertx, id, List.copyOf(servers));
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e), e);
    }
  }

  /** The API's HTTP servers, one per event loop, all on one port. */
  record Servers(Vertx vertx, String deployment, List<HttpServer> servers) {
    int port() {
      return servers.getFirst().actualPort();
    }

    void close() {
      try {
        vertx
            .undeploy(deployment)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closing anyway
      }
    }
  }

  private static void route(RouterBuilder builder, String operation, Handler<RoutingContext> h) {
    OpenAPIRoute route = builder.getRoute(operation);
    if (route == null) {
      throw new IllegalStateException("the OpenAPI document has no operation " + operation);
    }
    route.setDoSecurity(false); // tokens are checked by the account routes themselves
    route.addHandler(h);
  }

  /** A single sealed-request route. */
  private static void sealedRoute(
      RouterBuilder builder,
      OpenAPIContract contract,
      String operation,
      Handler<RoutingContext> h) {
    sealedRoute(builder, contract, operation, SealedShape.REQUEST, h);
  }

  /** A sealed-request route: its body checked against the document on the event loop. */
  private static void sealedRoute(
      RouterBuilder builder,
      OpenAPIContract contract,
      String operation,
      Predicate<Object> shape,
      Handler<RoutingContext> h) {
    OpenAPIRoute route = builder.getRoute(operation);
    route.setDoValidation(false).setDoSecurity(false);
    route.addHandler(new BodyValidation(contract, operation, shape));
    route.addHandler(h);
  }

  private static void probe(RoutingContext rc, String problem) {
    Replies.json(
        rc, problem == null ? 200 : 503, Map.of("status", problem == null ? "ok" : problem));
  }

  private static Handler<RoutingContext> devDeposit(ApiContext.Faucet faucet) {
    return rc -> {
      if (faucet == null) {
        throw new NodeError(ErrorCode.NOT_FOUND, "this node has no development faucet");
      }
      JsonObject body = rc.body().asJsonObject();
      EdDsaPublicKey key;
      try {
        key = EdDsaPublicKey.decode(HexFormat.of().parseHex(body.getString("publicKey")));
      } catch (InvalidEncodingException e) {
        throw new NodeError(ErrorCode.INVALID_REQUEST, "publicKey: " + e.getMessage());
      }
      Replies.later(
          rc,
          faucet.deposit(key, body.getLong("amount")),
          r -> Replies.json(rc, 202, Map.of("account", r[0], "sequence", r[1])));
    };
  }

  static String document() {
    try (InputStream in = ApiServer.class.getClassLoader().getResourceAsStream(CONTRACT)) {
      if (in == null) {
        throw new IllegalStateException(CONTRACT + " is not on the class path");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String yamlToJson(String yaml) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper yamlReader =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    return Json.MAPPER.writeValueAsString(yamlReader.readTree(yaml));
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Override
  public void close() {
    vertx.cancelTimer(depthTimer);
    servers.close();
  }
}
