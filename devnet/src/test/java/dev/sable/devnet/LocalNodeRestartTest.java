package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.node.Node;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on its local L1 stops and starts again: it finds its bridge, its batches and its deposits
 * where it left them (anvil's saved chain in the data directory), restores its newest snapshot
 * (never taken past what L1 holds) and replays the journal after it without journaling or batching
 * a deposit twice, and goes on taking deposits and posting batches.
 */
class LocalNodeRestartTest {
  @TempDir Path dir;

  static long batches(Node node) {
    return node.report().batches().recent(1).stream().mapToLong(b -> b.number()).max().orElse(0);
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
    try (Node node = LocalNodes.start(dir)) {
      bridge = node.report().bridgeAddress();
      Trader alice =
          new Trader(
              new SableClient(URI.create("http://127.0.0.1:" + node.httpPort())), aliceKey, null);
      LocalNodes.deposit(node, alice, 1, 5_000);
      LocalNodes.await(
          "alice's deposit in a verified batch", () -> batches(node) == 1 && rootsAgree(node));
      root = node.report().batches().nodeRoot();
    }

    try (Stream<Path> snapshots = Files.list(dir.resolve("snapshots"))) {
      assertThat(snapshots.toList()).as("snapshots were taken").isNotEmpty();
    }
    try (Node node = LocalNodes.start(dir)) {
      assertThat(node.report().bridgeAddress()).isEqualTo(bridge);
      LocalNodes.await("the restarted node at L1's root", () -> rootsAgree(node));
      assertThat(node.report().batches().nodeRoot()).isEqualTo(root);
      assertThat(batches(node)).as("nothing posted twice").isEqualTo(1);

      SableClient client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
      Trader alice = new Trader(client, aliceKey, null);
      alice.findAccount();
      assertThat(alice.read("").path("collateral").asLong()).as("credited once").isEqualTo(5_000);

      Trader bob = new Trader(client, bobKey, null);
      LocalNodes.deposit(node, bob, 2, 7_000);
      LocalNodes.await(
          "bob's deposit in a verified batch", () -> batches(node) == 2 && rootsAgree(node));
      bob.findAccount();
      assertThat(bob.read("").path("collateral").asLong()).isEqualTo(7_000);
      assertThat(node.report().batches().batch(2).orElseThrow().summary().deposits()).isEqualTo(1);
    }
  }
}
