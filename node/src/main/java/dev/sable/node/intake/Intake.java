package dev.sable.node.intake;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.sealed.NodeIntakeKey;
import dev.sable.crypto.sealed.OpenedSession;
import dev.sable.crypto.sealed.RequestCodec;
import dev.sable.crypto.sealed.SealedMessage;
import dev.sable.crypto.sealed.SealedMessageException;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.Provenance;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Shielded order intake: opens a sealed request with the node's HPKE key, decodes the signed
 * request, checks it against its account's key (with the given {@link SignatureCheck}: the node's
 * is native where the library loads) and market, and hands the command to the journal. The future
 * completes with the sequence number once the command is durable, or fails with a {@link
 * NodeError}. The work before the journal runs on the given executor (the verifier threads);
 * nothing here logs or counts a request's contents.
 */
public final class Intake {
  /** Each kind alone, built once: a single request's allowed kinds. */
  private static final Map<RequestKind, Set<RequestKind>> ALONE = new EnumMap<>(RequestKind.class);

  static {
    for (RequestKind k : RequestKind.values()) {
      ALONE.put(k, Collections.unmodifiableSet(EnumSet.of(k)));
    }
  }

  private final NodeIntakeKey nodeKey;
  private final Deployment deployment;
  private final AccountKeys keys;
  private final MarketCatalog markets;
  private final GroupCommitter journal;
  private final Executor verifiers;
  private final LongSupplier clock;
  private final SignatureCheck signatures;
  private final SessionCache sessions;
  private final Timer verifyTime;
  private final Map<ErrorCode, Counter> refused = new EnumMap<>(ErrorCode.class);
  private final Counter accepted;

  public Intake(
      NodeIntakeKey nodeKey,
      Deployment deployment,
      AccountKeys keys,
      MarketCatalog markets,
      GroupCommitter journal,
      Executor verifiers,
      LongSupplier clock,
      SignatureCheck signatures,
      int sessionCapacity,
      MeterRegistry metrics) {
    this.nodeKey = nodeKey;
    this.deployment = deployment;
    this.keys = keys;
    this.markets = markets;
    this.journal = journal;
    this.verifiers = verifiers;
    this.clock = clock;
    this.signatures = signatures;
    this.sessions = new SessionCache(sessionCapacity);
    this.verifyTime =
        Timer.builder("sable.intake.verify")
            .description("opening, decoding and signature check of one sealed request")
            .publishPercentiles(0.5, 0.99)
            .register(metrics);
    this.accepted =
        Counter.builder("sable.intake.requests")
            .tag("result", "accepted")
            .description("sealed requests by outcome")
            .register(metrics);
    for (ErrorCode code : ErrorCode.values()) {
      refused.put(
          code,
          Counter.builder("sable.intake.requests").tag("result", code.name()).register(metrics));
    }
  }

  public Deployment deployment() {
    return deployment;
  }

  /** Takes a sealed request of the given kind; completes with its journal sequence number. */
  public CompletableFuture<Long> submit(RequestKind kind, SealedMessage message) {
    CompletableFuture<Long> ack = new CompletableFuture<>();
    settle(verified(ALONE.get(kind), message), ack);
    return ack;
  }

  /**
   * Takes sealed requests, each of one of the given kinds, each on its own: a refused one fails
   * alone. They are opened and checked (in parallel on the verifier threads, if any), then those
   * that passed go to the journal in the order given, so a cancel placed before an order in one
   * batch is applied before it. Each future completes with its request's sequence number once it is
   * durable, or fails with a {@link NodeError}.
   */
  public List<CompletableFuture<Long>> submit(
      Set<RequestKind> kinds, List<SealedMessage> messages) {
    List<CompletableFuture<Provenance.Signed>> verified = new ArrayList<>(messages.size());
    List<CompletableFuture<Long>> acks = new ArrayList<>(messages.size());
    for (SealedMessage m : messages) {
      verified.add(verified(kinds, m));
      acks.add(new CompletableFuture<>());
    }
    CompletableFuture.allOf(verified.toArray(CompletableFuture[]::new))
        .whenComplete(
            (all, any) -> {
              for (int i = 0; i < verified.size(); i++) {
                settle(verified.get(i), acks.get(i));
              }
            });
    return acks;
  }

  /** Opens and checks one request on the verifier threads (refused at once if they are full). */
  private CompletableFuture<Provenance.Signed> verified(
      Set<RequestKind> kinds, SealedMessage message) {
    try {
      return CompletableFuture.supplyAsync(() -> verify(kinds, message), verifiers);
    } catch (RejectedExecutionException full) {
      return CompletableFuture.failedFuture(new NodeError(ErrorCode.OVERLOADED));
    }
  }

  /**
   * Journals a checked request, counts its outcome and completes {@code ack} with its sequence
   * number or its {@link NodeError}.
   */
  private void settle(CompletableFuture<Provenance.Signed> checked, CompletableFuture<Long> ack) {
    checked
        .thenCompose(this::journal)
        .whenComplete(
            (seq, failure) -> {
              count(seq, failure);
              if (failure == null) {
                ack.complete(seq);
              } else {
                ack.completeExceptionally(unwrap(failure));
              }
            });
  }

  private CompletableFuture<Long> journal(Provenance.Signed r) {
    return journal
        .submit(SignedCommands.command(r.request()), r)
        .exceptionallyCompose(Intake::journalRefusal);
  }

  /**
   * Opens, decodes and checks one request; throws a {@link NodeError} on the first failure. The
   * plaintext goes to the journal as it was sealed.
   */
  Provenance.Signed verify(Set<RequestKind> kinds, SealedMessage message) {
    long start = System.nanoTime();
    try {
      byte[] plaintext = open(message);
      SignedRequest request = decode(plaintext);
      if (!kinds.contains(RequestKind.of(request))) {
        throw new NodeError(
            ErrorCode.WRONG_REQUEST_KIND,
            "expected a signed "
                + kinds.stream()
                    .map(k -> k.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(" or ")));
      }
      EdDsaPublicKey key = keys.key(request.accountIndex());
      if (key == null) {
        throw new NodeError(ErrorCode.UNKNOWN_ACCOUNT);
      }
      switch (request) {
        case SignedRequest.Order o -> checkMarket(o.message());
        case SignedRequest.Amend a -> checkMarket(a.message());
        default -> {}
      }
      if (!signatures.verifies(key, request, deployment)) {
        throw new NodeError(ErrorCode.BAD_SIGNATURE);
      }
      return new Provenance.Signed(request, plaintext);
    } finally {
      verifyTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private void checkMarket(OrderMessage order) {
    MarketChecks.check(order, markets.spec(order.marketId()), clock.getAsLong());
  }

  private byte[] open(SealedMessage message) {
    OpenedSession known = sessions.get(message.enc());
    try {
      if (known != null) {
        return known.open(message);
      }
      OpenedSession fresh = nodeKey.session(message.enc(), deployment);
      byte[] plaintext = fresh.open(message);
      sessions.put(message.enc(), fresh); // only sessions whose messages open are kept
      return plaintext;
    } catch (SealedMessageException e) {
      throw new NodeError(ErrorCode.DECRYPTION_FAILED, e.getMessage());
    }
  }

  private static SignedRequest decode(byte[] plaintext) {
    try {
      return RequestCodec.decode(plaintext);
    } catch (SealedMessageException e) {
      throw new NodeError(ErrorCode.MALFORMED_PAYLOAD, e.getMessage());
    }
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private static CompletableFuture<Long> journalRefusal(Throwable t) {
    Throwable cause = unwrap(t);
    if (cause instanceof NodeError) {
      return CompletableFuture.failedFuture(cause);
    }
    return CompletableFuture.failedFuture(
        new NodeError(
            ErrorCode.OVERLOADED,
            cause instanceof GroupCommitter.Unavailable u
                ? u.getMessage()
                : "the journal is not accepting entries"));
  }

  private void count(Long sequence, Throwable failure) {
    if (failure == null) {
      accepted.increment();
      return;
    }
    Throwable cause = unwrap(failure);
    refused.get(cause instanceof NodeError e ? e.code() : ErrorCode.INTERNAL).increment();
  }
}
