package dev.sable.node.api;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.node.intake.AccountKeys;
import dev.sable.node.intake.Intake;
import dev.sable.node.pipeline.BatchLedger;
import dev.sable.node.sequencing.AccountFeed;
import dev.sable.node.sequencing.MarketData;
import dev.sable.node.sequencing.PublisherRelay;
import dev.sable.node.sequencing.SequencerLoop;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * What the API serves from: the node's parts, handed over by the composition root ({@code
 * withdrawalNonce}: the nonce an account's next withdrawal must be signed with, null on a node
 * without L1 batches; {@code marginSwitches}: whether the node takes margin-mode switches, false on
 * a node whose L1 batches' circuit has no switch slots).
 */
public record ApiContext(
    NodeIdentity identity,
    Intake intake,
    SequencerLoop sequencer,
    AccountFeed accounts,
    MarketData markets,
    PublisherRelay publisher,
    AccountKeys keys,
    BatchLedger batches,
    LongUnaryOperator withdrawalNonce,
    boolean marginSwitches,
    Faucet faucet,
    Supplier<String> health,
    Supplier<String> readiness,
    LongSupplier journaled,
    LongSupplier clock,
    PrometheusMeterRegistry metrics) {

  /**
   * Development chains only: credits collateral to the account of a key (registering it), as the
   * bridge's deposit queue will. Null when the node runs without it.
   */
  @FunctionalInterface
  public interface Faucet {
    /** Completes with {account, sequence} once the deposit is durable. */
    CompletableFuture<long[]> deposit(EdDsaPublicKey key, long amount);
  }
}
