package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.TestCollateral;
import dev.sable.node.Node;
import dev.sable.node.config.ConfigLoader;
import dev.sable.node.config.NodeConfig;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A node on its local L1 stops and starts again: it finds its bridge, its batches and its deposits
 * where it left them (anvil's saved chain in the data directory), replays its journal without
 * journaling or batching a deposit twice, and goes on taking deposits and posting batches.
 */
class LocalNodeRestartTest {
  @TempDir Path dir;

  NodeConfig config() {
    return ConfigLoader.load(
        null,
        Map.of(
            "SABLE_DATA_DIR", dir.toString(),
            "SABLE_HTTP_PORT", "0",
            "SABLE_PROVER_KEY_DIR", SampleSettlement.testKeys().toString(),
            "SABLE_PIPELINE_INTERVAL_MS", "100",
            "SABLE_L1_CONFIRMATIONS", "1",
            "SABLE_L1_POLL_MS", "100"));
  }

  Node start() {
    return Node.start(
        config(), new LocalL1(Toolchain.fromEnvironment(), dir.resolve("l1")), l -> {});
  }

  /** Deposits through the node's bridge from anvil's dev account {@code from}. */
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

  static long batches(Node node) {
    return node.report().batches().recent(1).stream().mapToLong(b -> b.number()).max().orElse(0);
  }

  static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  static boolean rootsAgree(Node node) {
    return !node.report().batches().l1Root().isEmpty()
        && node.report().batches().l1Root().equals(node.report().batches().nodeRoot());
  }

  @Test
  void aRestartedNodeFindsItsBridgeBatchesAndDepositsAndGoesOn() throws Exception {
    TraderKey aliceKey = TraderKey.generate(new SecureRandom());
    TraderKey bobKey = TraderKey.generate(new SecureRandom());
    String bridge;
    String root;
    try (Node node = start()) {
      bridge = node.report().bridgeAddress();
      Trader alice =
          new Trader(
              new SableClient(URI.create("http://127.0.0.1:" + node.httpPort())), aliceKey, null);
      deposit(node, alice, 1, 5_000);
      await("alice's deposit in a verified batch", () -> batches(node) == 1 && rootsAgree(node));
      root = node.report().batches().nodeRoot();
    }

    try (Node node = start()) {
      assertThat(node.report().bridgeAddress()).isEqualTo(bridge);
      await("the restarted node at L1's root", () -> rootsAgree(node));
      assertThat(node.report().batches().nodeRoot()).isEqualTo(root);
      assertThat(batches(node)).as("nothing posted twice").isEqualTo(1);

      SableClient client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
      Trader alice = new Trader(client, aliceKey, null);
      alice.findAccount();
      assertThat(alice.read("").path("collateral").asLong()).as("credited once").isEqualTo(5_000);

      Trader bob = new Trader(client, bobKey, null);
      deposit(node, bob, 2, 7_000);
      await("bob's deposit in a verified batch", () -> batches(node) == 2 && rootsAgree(node));
      bob.findAccount();
      assertThat(bob.read("").path("collateral").asLong()).isEqualTo(7_000);
      assertThat(node.report().batches().batch(2).orElseThrow().summary().deposits()).isEqualTo(1);
    }
  }
}
