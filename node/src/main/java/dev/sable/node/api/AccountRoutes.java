package dev.sable.node.api;

import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.sequencing.AccountFeed;
import dev.sable.node.sequencing.SequencerLoop;
import dev.sable.node.sequencing.StateQueries;
import dev.sable.node.sequencing.Views;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * Login (challenge, then a signed answer for a session token) and the account reads a token allows:
 * summary, margin, positions, open orders, fills, the next withdrawal nonce. A token reads its own
 * account only.
 */
final class AccountRoutes {
  private final Sessions sessions;
  private final SequencerLoop sequencer;
  private final AccountFeed feed;
  private final LongUnaryOperator withdrawalNonce;

  AccountRoutes(
      Sessions sessions,
      SequencerLoop sequencer,
      AccountFeed feed,
      LongUnaryOperator withdrawalNonce) {
    this.sessions = sessions;
    this.sequencer = sequencer;
    this.feed = feed;
    this.withdrawalNonce = withdrawalNonce;
  }

  void challenge(RoutingContext rc) {
    long account = rc.body().asJsonObject().getLong("account");
    Sessions.Challenge c = sessions.challenge(account);
    Replies.json(
        rc,
        200,
        Map.of(
            "account",
            account,
            "challenge",
            c.value().toHex().substring(2),
            "expiresAt",
            c.expiresAt()));
  }

  void session(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    long account = body.getLong("account");
    String token =
        sessions.session(
            account,
            "0x" + body.getString("challenge"),
            HexFormat.of().parseHex(body.getString("signature")));
    Replies.json(
        rc,
        200,
        Map.of("account", account, "token", token, "expiresAt", sessions.tokenExpiry(token)));
  }

  Handler<RoutingContext> summary() {
    return read((rc, id) -> Replies.later(rc, sequencer.query(s -> StateQueries.account(s, id))));
  }

  Handler<RoutingContext> margin() {
    return read(
        (rc, id) ->
            Replies.later(
                rc,
                sequencer.query(s -> StateQueries.account(s, id)),
                a -> Replies.json(rc, 200, margin(a))));
  }

  Handler<RoutingContext> positions() {
    return read((rc, id) -> Replies.later(rc, sequencer.query(s -> StateQueries.positions(s, id))));
  }

  Handler<RoutingContext> openOrders() {
    return read(
        (rc, id) -> Replies.later(rc, sequencer.query(s -> StateQueries.openOrders(s, id))));
  }

  Handler<RoutingContext> fills() {
    return read(
        (rc, id) -> {
          int limit = intParam(rc, "limit", 100);
          Replies.later(rc, sequencer.query(s -> Json.events(feed.fills(id, limit))));
        });
  }

  /** The nonce to sign the account's next withdrawal with (a node with L1 batches only). */
  Handler<RoutingContext> withdrawals() {
    return read(
        (rc, id) -> {
          if (withdrawalNonce == null) {
            throw new NodeError(
                ErrorCode.NOT_FOUND, "this node pays no withdrawals on L1 (it runs without L1)");
          }
          Replies.json(
              rc, 200, Map.of("account", id, "nextNonce", withdrawalNonce.applyAsLong(id)));
        });
  }

  /**
   * Equity minus a requirement (>= 0), at least {@link Long#MIN_VALUE}: equity is clamped to a long
   * (docs/sequencer.md "Bounds"), so the difference can pass below one.
   */
  static long free(long equity, long requirement) {
    return equity < Long.MIN_VALUE + requirement ? Long.MIN_VALUE : equity - requirement;
  }

  private static Map<String, Object> margin(Views.AccountSummary a) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("account", a.account());
    m.put("equity", a.equity());
    m.put("initialRequirement", a.initialRequirement());
    m.put("maintenanceRequirement", a.maintenanceRequirement());
    m.put("freeCollateral", free(a.equity(), a.initialRequirement()));
    m.put("belowMaintenance", a.equity() < a.maintenanceRequirement());
    m.put("marginMode", a.marginMode());
    m.put("greeks", a.greeks());
    return m;
  }

  private interface AccountRead {
    void handle(RoutingContext rc, int account);
  }

  /** Checks the bearer token against the path's account before the read. */
  private Handler<RoutingContext> read(AccountRead read) {
    return rc -> {
      int account = Integer.parseInt(rc.pathParam("account"));
      sessions.authorize(bearer(rc), account);
      read.handle(rc, account);
    };
  }

  static String bearer(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      throw new NodeError(ErrorCode.UNAUTHENTICATED);
    }
    return header.substring("Bearer ".length()).strip();
  }

  static int intParam(RoutingContext rc, String name, int fallback) {
    String v = rc.queryParams().get(name);
    return v == null ? fallback : Integer.parseInt(v);
  }
}
