package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.Capacities;
import dev.sable.batch.verify.BatchVerification;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.TestCollateral;
import dev.sable.node.Node;
import dev.sable.node.config.ConfigLoader;
import dev.sable.node.config.NodeConfig;
import dev.sable.node.l1.AcceptedBatchCheck;
import dev.sable.node.pipeline.BatchRecord;
import dev.sable.node.pipeline.SettlementGenesis;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * Nodes on a local L1 for tests: data in a directory, any free port, the shared Tiny keys, one
 * confirmation per deposit, a snapshot whenever an entry has passed (every 100 ms); deposits
 * through the node's bridge from anvil's dev accounts.
 */
final class LocalNodes {
  private LocalNodes() {}

  /**
   * Writes {@code dir/markets.yaml}: a fee-free perpetual at 3,000 and a call struck at 3,000 on
   * it, 30 days out, at 50% volatility (for a node at an {@code -opt} preset).
   */
  static Path optionMarkets(Path dir) throws IOException {
    String spec =
        " tickSize: 1, lotSize: 1, initialMarginPpm: 100000, maintenanceMarginPpm: 50000,"
            + " makerFeePpm: 0, takerFeePpm: 0, oracleSources: 1, oracleStaleness: 120000,"
            + " fundingInterval: 3600000, fundingClampPpm: 2000, impactQuantity: 100,"
            + " maxPrice: 10000000";
    long expiry = System.currentTimeMillis() + TimeUnit.DAYS.toMillis(30);
    return Files.writeString(
        dir.resolve("markets.yaml"),
        "markets:\n"
            + "  - {spec: {symbol: ETH-PERP, maxPosition: 1000000,"
            + spec
            + "}, devOraclePrice: 3000}\n"
            + "  - {spec: {symbol: ETH-C3000, maxPosition: 100000,"
            + spec
            + "}, devOraclePrice: 500000, option: {underlyingMarket: 0, kind: CALL, strike: 3000,"
            + " expiry: "
            + expiry
            + ", contractSize: 1}}\n");
  }

  /**
   * A node's configuration listing {@link #optionMarkets} at the named capacities preset, checked
   * to be {@code expected}.
   */
  static NodeConfig optionConfig(Path dir, String preset, Capacities expected) throws IOException {
    NodeConfig config =
        config(optionMarkets(dir), dir, Map.of("SABLE_PIPELINE_CAPACITIES", preset));
    assertThat(config.pipeline().capacities().capacities()).isEqualTo(expected);
    return config;
  }

  /**
   * {@code sable verify}'s check of every batch the node's bridge accepted, recomputed from the
   * bridge's events and the configured listing: at least one batch, none with a finding.
   */
  static List<BatchVerification> verifiedFromL1(Node node, NodeConfig config) {
    Web3j web3j = Web3j.build(new HttpService(node.report().rpcUrl()));
    try {
      List<BatchVerification> checked =
          AcceptedBatchCheck.run(
              SettlementBridgeClient.attach(
                  web3j,
                  AnvilNode.devAccount(0),
                  AnvilNode.CHAIN_ID,
                  node.report().bridgeAddress()),
              SettlementGenesis.listing(config.markets()),
              OptionalLong.empty());
      assertThat(checked).isNotEmpty();
      assertThat(checked).allSatisfy(v -> assertThat(v.findings()).isEmpty());
      return checked;
    } finally {
      web3j.shutdown();
    }
  }

  static NodeConfig config(Path dir) {
    return config(dir, Map.of());
  }

  /** The same with more settings (environment variable names) on top. */
  static NodeConfig config(Path dir, Map<String, String> more) {
    return config(null, dir, more);
  }

  /** The same with a configuration file (null: none) under the settings. */
  static NodeConfig config(Path file, Path dir, Map<String, String> more) {
    Map<String, String> settings =
        new java.util.HashMap<>(
            Map.of(
                "SABLE_DATA_DIR", dir.toString(),
                "SABLE_HTTP_PORT", "0",
                "SABLE_PROVER_KEY_DIR", SampleSettlement.testKeys().toString(),
                "SABLE_PIPELINE_INTERVAL_MS", "100",
                "SABLE_L1_CONFIRMATIONS", "1",
                "SABLE_L1_POLL_MS", "100",
                "SABLE_SNAPSHOT_INTERVAL_MS", "100",
                "SABLE_SNAPSHOT_MIN_ENTRIES", "1"));
    settings.putAll(more);
    return ConfigLoader.load(file, settings);
  }

  /** A node on the local L1 kept in {@code dir/l1}. */
  static Node start(Path dir) {
    return start(dir, line -> {});
  }

  /** The same, its progress lines to {@code progress}. */
  static Node start(Path dir, java.util.function.Consumer<String> progress) {
    return start(config(dir), dir, progress);
  }

  /** A node of this configuration on the local L1 kept in {@code dir/l1}. */
  static Node start(NodeConfig config, Path dir, java.util.function.Consumer<String> progress) {
    return Node.start(
        config, new LocalL1(Toolchain.fromEnvironment(), dir.resolve("l1")), progress);
  }

  /**
   * Mints and deposits {@code amount} for the trader's key from anvil's dev account {@code from}.
   */
  static void deposit(Node node, Trader trader, int from, long amount) {
    Credentials l1 = AnvilNode.devAccount(from);
    Web3j web3j = Web3j.build(new HttpService(node.report().rpcUrl()));
    try {
      SettlementBridgeClient bridge =
          SettlementBridgeClient.attach(
              web3j, l1, AnvilNode.CHAIN_ID, node.report().bridgeAddress());
      TestCollateral.attach(web3j, l1, AnvilNode.CHAIN_ID, bridge.token())
          .mint(l1.getAddress(), BigInteger.valueOf(amount));
      EdDsaPublicKey key = trader.key().publicKey();
      bridge.deposit(
          trader.depositAccount(),
          key.x().toBigInteger(),
          key.y().toBigInteger(),
          BigInteger.valueOf(amount));
    } finally {
      web3j.shutdown();
    }
  }

  /**
   * A new trader ("alice") deposits 5,000 from anvil's dev account 1, and the node's deposit
   * reaches a batch verified on L1 (the node's root equal to the bridge's).
   */
  static void depositInAVerifiedBatch(Node node) throws InterruptedException {
    Trader alice =
        new Trader(
            new SableClient(URI.create("http://127.0.0.1:" + node.httpPort())),
            TraderKey.generate(new SecureRandom()),
            null);
    deposit(node, alice, 1, 5_000);
    await(
        "alice's deposit in a verified batch",
        () -> LocalNodeRestartTest.deposits(node) == 1 && LocalNodeRestartTest.rootsAgree(node));
  }

  /**
   * A new trader on {@code client}, funded with {@code amount} by anvil's dev account {@code from}
   * through the node's bridge, returned once the node credited the deposit.
   */
  static Trader funded(Node node, SableClient client, int from, long amount)
      throws InterruptedException {
    Trader trader = new Trader(client, TraderKey.generate(new SecureRandom()), null);
    deposit(node, trader, from, amount);
    await("the deposit of dev account " + from + " credited", () -> holds(trader, amount));
    return trader;
  }

  /** Whether the trader's account holds this collateral at the node (false until it exists). */
  static boolean holds(Trader trader, long collateral) {
    try {
      trader.findAccount();
      return trader.read("").path("collateral").asLong() == collateral;
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  /**
   * Waits until one of the node's batches is {@code which} and the node's root is L1's; returns the
   * first such batch.
   */
  static BatchRecord awaitOnL1(String what, Node node, Predicate<BatchRecord> which)
      throws InterruptedException {
    await(
        what,
        () ->
            LocalNodeRestartTest.verified(node).stream().anyMatch(which)
                && LocalNodeRestartTest.rootsAgree(node));
    return LocalNodeRestartTest.verified(node).stream().filter(which).findFirst().orElseThrow();
  }

  static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
