package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.node.Node;
import dev.sable.node.pipeline.BatchRecord;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on its local L1 stops and starts again: it finds its bridge, its batches and its deposits
 * where it left them (anvil's saved chain in the data directory), restores its snapshot (with the
 * batcher's state; taken only where L1 holds every batch it sealed) and replays the journal after
 * it through the sequencer and the batcher, which seal the batches L1 holds again and drop them:
 * nothing is journaled, credited or posted twice, and it goes on taking deposits and posting
 * batches.
 */
class LocalNodeRestartTest {
  @TempDir Path dir;

  static List<BatchRecord> verified(Node node) {
    return node.report().batches().recent(Integer.MAX_VALUE);
  }

  static long deposits(Node node) {
    return verified(node).stream().mapToLong(b -> b.summary().deposits()).sum();
  }

  static long batches(Node node) {
    return verified(node).stream().mapToLong(BatchRecord::number).max().orElse(0);
  }

  static boolean rootsAgree(Node node) {
    return !node.report().batches().l1Root().isEmpty()
        && node.report().batches().l1Root().equals(node.report().batches().nodeRoot());
  }

  static boolean hasSnapshot(Path dir) {
    try (var files = Files.list(dir.resolve("snapshots"))) {
      return files.anyMatch(f -> f.toString().endsWith(".snap"));
    } catch (java.io.IOException e) {
      return false; // not there yet
    }
  }

  @Test
  void aRestartedNodeFindsItsBridgeBatchesAndDepositsAndGoesOn() throws Exception {
    TraderKey aliceKey = TraderKey.generate(new SecureRandom());
    TraderKey bobKey = TraderKey.generate(new SecureRandom());
    String bridge;
    long posted;
    try (Node node = LocalNodes.start(dir)) {
      bridge = node.report().bridgeAddress();
      Trader alice =
          new Trader(
              new SableClient(URI.create("http://127.0.0.1:" + node.httpPort())), aliceKey, null);
      LocalNodes.deposit(node, alice, 1, 5_000);
      LocalNodes.await(
          "alice's deposit in a verified batch", () -> deposits(node) == 1 && rootsAgree(node));
      posted = batches(node);
      LocalNodes.await("a snapshot with L1 batches on", () -> hasSnapshot(dir));
    }

    List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Node node = LocalNodes.start(dir, progress::add)) {
      assertThat(progress).anyMatch(l -> l.startsWith("restored the snapshot of entry"));
      assertThat(node.report().bridgeAddress()).isEqualTo(bridge);
      LocalNodes.await("the restarted node at L1's root", () -> rootsAgree(node));
      assertThat(batches(node)).as("nothing posted twice").isGreaterThanOrEqualTo(posted);
      assertThat(deposits(node)).as("alice's deposit batched once").isEqualTo(1);

      SableClient client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
      Trader alice = new Trader(client, aliceKey, null);
      alice.findAccount();
      assertThat(alice.read("").path("collateral").asLong()).as("credited once").isEqualTo(5_000);

      Trader bob = new Trader(client, bobKey, null);
      LocalNodes.deposit(node, bob, 2, 7_000);
      LocalNodes.await(
          "bob's deposit in a verified batch", () -> deposits(node) == 2 && rootsAgree(node));
      bob.findAccount();
      assertThat(bob.read("").path("collateral").asLong()).isEqualTo(7_000);
    }
  }
}
