package dev.sable.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sable.crypto.AuthMessage;
import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Fr;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.crypto.sealed.SealedMessage;
import dev.sable.crypto.sealed.SignedRequest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One trader at one node: signs with the trader's key, seals to the node's key (one session for all
 * requests), submits, and reads its own account after logging in. Orders, amends, cancels and
 * withdrawals complete with their journal sequence numbers (the node's durable acknowledgement);
 * what the sequencer then did with them arrives on the account channel ({@link SableStream}) and in
 * the account reads.
 */
public final class Trader {
  private final SableClient client;
  private final TraderKey key;
  private final NodeInfo node;
  private final RequestSigner signer;
  private final RequestSealer sealer;
  private volatile long account = -1;
  private volatile String token;

  /**
   * A trader at the node behind client. The node's key must be endorsed by {@code operator} (20
   * bytes: the bridge's operator address); pass null only where the node is trusted anyway (tests,
   * a local dev chain).
   */
  public Trader(SableClient client, TraderKey key, byte[] operator) {
    this.client = client;
    this.key = key;
    this.node = client.info();
    if (operator != null && !node.endorsedBy(operator)) {
      throw new IllegalStateException(
          "the node's key is not endorsed by operator "
              + HexFormat.of().formatHex(operator)
              + " (it claims "
              + node.claimedOperator()
              + ")");
    }
    this.signer = new RequestSigner(key.privateKey(), node.deployment());
    this.sealer = new RequestSealer(node.intakeKey(), node.deployment());
  }

  public NodeInfo node() {
    return node;
  }

  public TraderKey key() {
    return key;
  }

  /** This trader's account index (after {@link #useAccount} or a faucet deposit). */
  public long account() {
    if (account < 0) {
      throw new IllegalStateException("no account yet: deposit first, or name the account");
    }
    return account;
  }

  /** Looks up this key's account at the node (it has one once a deposit registered the key). */
  public long findAccount() {
    account = client.get("/v1/keys/" + key.publicKeyHex(), null).path("account").asLong();
    return account;
  }

  /**
   * The account an L1 deposit under this key should name (the key's own, or the next free one for a
   * new key), which becomes this trader's account.
   */
  public long depositAccount() {
    account =
        client.get("/v1/deposit-account/" + key.publicKeyHex(), null).path("account").asLong();
    return account;
  }

  public Trader useAccount(long index) {
    this.account = index;
    return this;
  }

  /**
   * Development chains only: credits collateral to this key's account (creating it) and returns the
   * account index.
   */
  public long devDeposit(long amount) {
    ObjectNode body = SableClient.JSON.createObjectNode();
    body.put("publicKey", key.publicKeyHex());
    body.put("amount", amount);
    account = client.post("/v1/dev/deposits", body).path("account").asLong();
    return account;
  }

  public CompletableFuture<Long> order(OrderMessage m) {
    return client.submitAsync("/v1/orders", sealer.seal(signer.order(m)));
  }

  public CompletableFuture<Long> cancel(long clientOrderId) {
    return client.submitAsync(
        "/v1/orders/cancel",
        sealer.seal(signer.cancel(new CancelMessage(account(), clientOrderId))));
  }

  /**
   * Amends the order {@code resting}: {@code replacement} is the new order of its fill slot, {@code
   * resting.amend(newPrice, newRemainingQuantity)} ({@link OrderMessage#amend}); keep it, since it
   * names the order from now on (cancel or amend it by its client order id).
   */
  public CompletableFuture<Long> amend(OrderMessage resting, OrderMessage replacement) {
    return client.submitAsync("/v1/orders/amend", sealer.seal(signer.amend(resting, replacement)));
  }

  /**
   * Withdraws {@code amount} of this account's collateral to an L1 address (20 bytes), signed with
   * {@code nonce}, which must be the account's withdrawal nonce (0 for its first withdrawal, one
   * more after each).
   */
  public CompletableFuture<Long> withdraw(long amount, byte[] recipient, long nonce) {
    if (recipient.length != 20) {
      throw new IllegalArgumentException("an L1 address has 20 bytes, got " + recipient.length);
    }
    WithdrawalMessage m =
        new WithdrawalMessage(account(), amount, Fr.of(new BigInteger(1, recipient)), nonce);
    return client.submitAsync("/v1/withdrawals", sealer.seal(signer.withdrawal(m)));
  }

  /**
   * Sends up to 20 orders, amends and cancels signed with {@link #signer()} in one HTTP request;
   * each is taken or refused on its own, and those taken are journaled in the order given.
   */
  public CompletableFuture<List<BatchOutcome>> submitBatch(List<SignedRequest> requests) {
    List<SealedMessage> sealed = new ArrayList<>(requests.size());
    for (SignedRequest r : requests) {
      sealed.add(sealer.seal(r));
    }
    return client.submitBatchAsync(sealed);
  }

  /**
   * Sends a signed order, amend, cancel or withdrawal over an open WebSocket ({@link
   * SableStream#submit}) instead of one HTTP request per order: the same checks and the same
   * acknowledgement once durable.
   */
  public CompletableFuture<Long> submit(SableStream stream, SignedRequest request) {
    String kind =
        switch (request) {
          case SignedRequest.Order o -> "order";
          case SignedRequest.Amend a -> "amend";
          case SignedRequest.Cancel c -> "cancel";
          case SignedRequest.Withdrawal w -> "withdrawal";
          case SignedRequest.MarginMode m ->
              throw new IllegalArgumentException(
                  "a margin mode switch goes over HTTP: setMarginMode");
        };
    return stream.submit(kind, sealer.seal(request));
  }

  /** This trader's signer, for requests sent in a batch. */
  public RequestSigner signer() {
    return signer;
  }

  /**
   * Withdraws {@code amount} of collateral to the L1 address {@code recipient} (20 bytes) with the
   * account's next nonce, read from the node (after a login). Completes with the journal sequence
   * number; the sequencer then takes it or refuses it (margin, collateral) on the account channel,
   * and once a batch carrying it is verified on L1 the recipient claims it from the bridge.
   */
  public CompletableFuture<Long> withdraw(long amount, byte[] recipient) {
    return withdraw(amount, recipient, read("/withdrawals").path("nextNonce").asLong());
  }

  /** Logs in (signed challenge) and keeps the session token for the reads below. */
  public String login() {
    ObjectNode ask = SableClient.JSON.createObjectNode();
    ask.put("account", account());
    String challenge = client.post("/v1/auth/challenge", ask).path("challenge").asText();
    byte[] sig = signer.login(new AuthMessage(account(), Fr.fromHex(challenge))).encode();
    ObjectNode answer = SableClient.JSON.createObjectNode();
    answer.put("account", account());
    answer.put("challenge", challenge);
    answer.put("signature", HexFormat.of().formatHex(sig));
    token = client.post("/v1/auth/session", answer).path("token").asText();
    return token;
  }

  public String token() {
    if (token == null) {
      login();
    }
    return token;
  }

  /**
   * Switches the account to portfolio margin ({@code portfolio}) or cross margin, signed with a
   * fresh client order id ({@code requestId}: it takes that fill slot, as an order would). The
   * sequencer refuses a switch with open orders or below the new mode's initial requirement; read
   * {@link #marginMode} after it.
   */
  public CompletableFuture<Long> setMarginMode(boolean portfolio, long requestId) {
    MarginModeMessage m = new MarginModeMessage(account(), portfolio ? 1 : 0, requestId);
    return client.submitAsync("/v1/margin-mode", sealer.seal(signer.marginMode(m)));
  }

  /** The account's margin mode: {@code cross} or {@code portfolio}. */
  public String marginMode() {
    return read("/margin").path("marginMode").asText();
  }

  /** The account's Greeks summed per underlying (the perpetual's market id), ascending. */
  public SortedMap<Integer, Greeks> greeks() {
    SortedMap<Integer, Greeks> out = new TreeMap<>();
    for (JsonNode g : read("/margin").path("greeks")) {
      out.put(g.path("underlying").asInt(), Greeks.of(g));
    }
    return out;
  }

  /**
   * The Greeks of each open position by market id (a perpetual's delta is its size); a position
   * whose Greeks the node cannot compute yet is left out.
   */
  public SortedMap<Integer, Greeks> positionGreeks() {
    SortedMap<Integer, Greeks> out = new TreeMap<>();
    for (JsonNode p : read("/positions")) {
      if (p.path("greeks").isObject()) {
        out.put(p.path("market").asInt(), Greeks.of(p.path("greeks")));
      }
    }
    return out;
  }

  /** GET /v1/accounts/{account}{suffix}: "", "/margin", "/positions", "/orders", "/fills". */
  public JsonNode read(String suffix) {
    return client.get("/v1/accounts/" + account() + suffix, token());
  }
}
