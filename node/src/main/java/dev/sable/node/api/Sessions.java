package dev.sable.node.api;

import dev.sable.crypto.AuthMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.Fr;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Read sessions. A trader asks for a challenge for its account, signs {@link AuthMessage} (account
 * and challenge, bound to the deployment) with the account's key, and gets a random bearer token
 * for that account. A challenge answers once and expires; a token expires. Both tables are bounded.
 */
final class Sessions {
  static final long CHALLENGE_MILLIS = 60_000;
  static final long TOKEN_MILLIS = 3_600_000;
  static final int MAX_ENTRIES = 100_000;

  record Challenge(long account, Fr value, long expiresAt) {}

  record Session(long account, long expiresAt) {}

  private final Deployment deployment;
  private final LongFunction<EdDsaPublicKey> keys;
  private final LongSupplier clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();
  private final Map<String, Session> tokens = new ConcurrentHashMap<>();

  Sessions(Deployment deployment, LongFunction<EdDsaPublicKey> keys, LongSupplier clock) {
    this.deployment = deployment;
    this.keys = keys;
    this.clock = clock;
  }

  /** A fresh challenge for an account that has a key. */
  Challenge challenge(long account) {
    if (keys.apply(account) == null) {
      throw new NodeError(ErrorCode.UNKNOWN_ACCOUNT);
    }
    prune(challenges, Challenge::expiresAt);
    if (challenges.size() >= MAX_ENTRIES) {
      throw new NodeError(ErrorCode.OVERLOADED, "too many open challenges");
    }
    byte[] raw = new byte[31]; // below the field modulus
    random.nextBytes(raw);
    Challenge c =
        new Challenge(account, Fr.of(new BigInteger(1, raw)), clock.getAsLong() + CHALLENGE_MILLIS);
    challenges.put(c.value().toHex(), c);
    return c;
  }

  /** A token for the signed challenge; the challenge is used up either way. */
  String session(long account, String challengeHex, byte[] signature) {
    Challenge c = challenges.remove(challengeHex);
    if (c == null || c.account() != account || c.expiresAt() < clock.getAsLong()) {
      throw new NodeError(ErrorCode.UNAUTHENTICATED, "unknown, used or expired challenge");
    }
    EdDsaPublicKey key = keys.apply(account);
    if (key == null
        || !key.verify(new AuthMessage(account, c.value()).hash(deployment), signature)) {
      throw new NodeError(ErrorCode.BAD_SIGNATURE);
    }
    prune(tokens, Session::expiresAt);
    if (tokens.size() >= MAX_ENTRIES) {
      throw new NodeError(ErrorCode.OVERLOADED, "too many open sessions");
    }
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = HexFormat.of().formatHex(raw);
    tokens.put(token, new Session(account, clock.getAsLong() + TOKEN_MILLIS));
    return token;
  }

  /** The account a bearer token reads; UNAUTHENTICATED if it is missing, unknown or expired. */
  long account(String token) {
    Session s = token == null ? null : tokens.get(token);
    if (s == null || s.expiresAt() < clock.getAsLong()) {
      throw new NodeError(ErrorCode.UNAUTHENTICATED);
    }
    return s.account();
  }

  /** Checks that the token reads this account. */
  void authorize(String token, long account) {
    if (account(token) != account) {
      throw new NodeError(ErrorCode.FORBIDDEN);
    }
  }

  long tokenExpiry(String token) {
    return tokens.get(token).expiresAt();
  }

  private <T> void prune(Map<String, T> table, java.util.function.ToLongFunction<T> expiry) {
    if (table.size() < MAX_ENTRIES / 2) {
      return;
    }
    long now = clock.getAsLong();
    for (Iterator<T> it = table.values().iterator(); it.hasNext(); ) {
      if (expiry.applyAsLong(it.next()) < now) {
        it.remove();
      }
    }
  }
}
