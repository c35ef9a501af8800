package dev.sable.node.api;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.InvalidEncodingException;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.sequencing.StateQueries;
import dev.sable.node.sequencing.Views;
import io.vertx.ext.web.RoutingContext;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads anyone may make: identity, status, markets, depth and trades (no accounts), batches. */
final class PublicRoutes {
  private final ApiContext ctx;

  PublicRoutes(ApiContext ctx) {
    this.ctx = ctx;
  }

  void info(RoutingContext rc) {
    HexFormat hex = HexFormat.of();
    NodeIdentity id = ctx.identity();
    Map<String, Object> endorsement = new LinkedHashMap<>();
    endorsement.put("operator", hex.formatHex(id.endorsement().operatorAddress()));
    endorsement.put("operatorPublicKey", hex.formatHex(id.endorsement().operatorPublicKey()));
    endorsement.put("signature", hex.formatHex(id.endorsement().signature()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("chainId", id.deployment().chainId());
    body.put("bridge", String.format("%040x", id.deployment().contract().toBigInteger()));
    body.put("intakeKey", hex.formatHex(id.intakeKey()));
    body.put("endorsement", endorsement);
    body.put("suite", "HPKE base DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305");
    Replies.json(rc, 200, body);
  }

  void keyAccount(RoutingContext rc) {
    long account = ctx.keys().indexOf(pathKey(rc));
    if (account < 0) {
      throw new NodeError(ErrorCode.UNKNOWN_ACCOUNT, "no account has this key");
    }
    Replies.json(rc, 200, Map.of("account", account));
  }

  /**
   * The account an L1 deposit under this key should name: the key's account, or for a new key the
   * next index no key holds (another new key's deposit may take it first: the later one is then
   * refunded).
   */
  void depositAccount(RoutingContext rc) {
    long account = ctx.keys().indexOf(pathKey(rc));
    Replies.json(
        rc,
        200,
        Map.of(
            "account", account >= 0 ? account : ctx.keys().nextFree(), "registered", account >= 0));
  }

  private static EdDsaPublicKey pathKey(RoutingContext rc) {
    try {
      return EdDsaPublicKey.decode(HexFormat.of().parseHex(rc.pathParam("publicKey")));
    } catch (InvalidEncodingException e) {
      throw new NodeError(ErrorCode.INVALID_REQUEST, "publicKey: " + e.getMessage());
    }
  }

  void status(RoutingContext rc) {
    Replies.later(
        rc,
        ctx.sequencer().query(s -> StateQueries.status(s, ctx.sequencer().appliedSequence())),
        s -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("journaledSequence", ctx.journaled().getAsLong());
          body.put("appliedSequence", s.appliedSequence());
          body.put("stateHash", s.stateHash());
          body.put("time", s.now());
          body.put("accounts", s.accounts());
          body.put("nodeRoot", ctx.batches().nodeRoot());
          body.put("l1Root", ctx.batches().l1Root());
          Replies.json(rc, 200, body);
        });
  }

  void markets(RoutingContext rc) {
    Replies.later(rc, ctx.sequencer().query(StateQueries::markets));
  }

  void depth(RoutingContext rc) {
    int market = Integer.parseInt(rc.pathParam("market"));
    int levels = AccountRoutes.intParam(rc, "levels", 20);
    Replies.later(
        rc,
        ctx.sequencer()
            .query(s -> StateQueries.depth(s, market, levels, ctx.sequencer().appliedSequence())));
  }

  void trades(RoutingContext rc) {
    int market = Integer.parseInt(rc.pathParam("market"));
    int limit = AccountRoutes.intParam(rc, "limit", 50);
    Replies.later(
        rc,
        ctx.sequencer()
            .query(
                s -> {
                  Views.Depth known = StateQueries.depth(s, market, 1, 0);
                  return known == null ? null : ctx.markets().trades(market, limit);
                }));
  }

  void batches(RoutingContext rc) {
    Replies.json(rc, 200, ctx.batches().recent(AccountRoutes.intParam(rc, "limit", 50)));
  }

  void batch(RoutingContext rc) {
    long n = Long.parseLong(rc.pathParam("number"));
    Replies.json(
        rc, 200, ctx.batches().batch(n).orElseThrow(() -> new NodeError(ErrorCode.NOT_FOUND)));
  }
}
