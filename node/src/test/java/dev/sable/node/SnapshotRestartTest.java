package dev.sable.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.crypto.OrderMessage;
import dev.sable.node.journal.Journal;
import dev.sable.node.journal.NodeDatabase;
import dev.sable.node.journal.SnapshotStore;
import dev.sable.node.sequencing.SequencerLoop;
import dev.sable.node.sequencing.StateQueries;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node restarted from a snapshot and the journal after it is the node that stopped: the same
 * balances, positions, resting orders, depth, recent fills and trades, and a state hash that a
 * clean replay of the whole journal reaches too; with pruning on, the journal before the snapshot
 * is gone and the restart still gets there. (The restarted node's clock journals a tick at once, so
 * its state hash is compared with a replay at its own position, not with the stopped node's.)
 */
class SnapshotRestartTest {
  private static final int SNAPSHOT_AFTER = 40;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final List<String> progress = new CopyOnWriteArrayList<>();
  private final TraderKey aliceKey = TraderKey.generate(new SecureRandom());
  private final TraderKey bobKey = TraderKey.generate(new SecureRandom());
  private long nextId = 1;

  private Node start(boolean prune) {
    return Node.start(
        TestNodes.config(
            dir,
            "schedule: {tickMs: 60000, sweepMs: 3600000}\n"
                + "snapshot: {intervalMs: 20, minEntries: "
                + SNAPSHOT_AFTER
                + ", keep: 1, pruneJournal: "
                + prune
                + "}\n"),
        null,
        progress::add);
  }

  /**
   * What a restart must keep: each trader's account, positions, orders and fills; the market's
   * levels (not the position the depth was read at) and trades.
   */
  private record Seen(List<JsonNode> accounts, JsonNode depth, JsonNode trades) {}

  private Seen seen(Node node, Trader... traders) throws Exception {
    SableClient client = client(node);
    for (int i = 0; i < 500 && node.appliedSequence() < node.journaledSequence(); i++) {
      Thread.sleep(10);
    }
    List<JsonNode> accounts = new ArrayList<>();
    for (Trader t : traders) {
      for (String read : List.of("", "/positions", "/orders", "/fills")) {
        accounts.add(t.read(read));
      }
    }
    JsonNode depth = client.get("/v1/markets/0/depth", null);
    return new Seen(
        accounts,
        JSON.createArrayNode().add(depth.path("bids")).add(depth.path("asks")),
        client.get("/v1/markets/0/trades", null));
  }

  private static SableClient client(Node node) {
    return new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
  }

  /** Crossing orders of alice and bob: every second one fills. */
  private void trade(Trader alice, Trader bob, int pairs) throws Exception {
    for (int i = 0; i < pairs; i++) {
      long price = 2990 + 5 * (i % 4);
      alice.order(new OrderMessage(alice.account(), 0, nextId++, 1, 0, price, 3, 0, 0, 0)).get();
      bob.order(new OrderMessage(bob.account(), 0, nextId++, 0, 0, price, 2, 0, 0, 0)).get();
    }
  }

  private long snapshotTaken(long atLeast) throws InterruptedException {
    SnapshotStore store = new SnapshotStore(dir.resolve("data").resolve("snapshots"));
    for (int i = 0; i < 500; i++) {
      List<Long> s = store.sequences();
      if (!s.isEmpty() && s.getLast() >= atLeast) {
        return s.getLast();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no snapshot of entry " + atLeast + " or later was written");
  }

  /**
   * Trades, waits for a snapshot, trades a little more, stops, restarts and compares; returns the
   * snapshot's entry and the restarted node's position and state hash.
   */
  private long[] run(boolean prune, String[] restartedHash) throws Exception {
    Seen before;
    long snapshot;
    long journaled;
    try (Node node = start(prune)) {
      Trader alice = new Trader(client(node), aliceKey, null);
      Trader bob = new Trader(client(node), bobKey, null);
      alice.devDeposit(100_000_000);
      bob.devDeposit(100_000_000);
      trade(alice, bob, SNAPSHOT_AFTER / 2);
      snapshot = snapshotTaken(SNAPSHOT_AFTER);
      trade(alice, bob, 8); // fewer entries than a new snapshot needs: a tail to replay
      before = seen(node, alice, bob);
      journaled = node.journaledSequence();
    }
    assertThat(snapshot).isLessThan(journaled);
    progress.clear();
    try (Node node = start(prune)) {
      Trader alice = new Trader(client(node), aliceKey, null).useAccount(1);
      Trader bob = new Trader(client(node), bobKey, null).useAccount(2);
      Seen after = seen(node, alice, bob);
      assertThat(progress)
          .anyMatch(l -> l.startsWith("restored the snapshot of entry " + snapshot + " in "))
          .contains("replaying journal entries " + (snapshot + 1) + " to " + journaled);
      assertThat(after).isEqualTo(before);
      assertThat(before.accounts().get(3)).isNotEmpty(); // alice's fills
      assertThat(before.trades()).isNotEmpty();
      JsonNode status = client(node).get("/v1/status", null);
      restartedHash[0] = status.path("stateHash").asText();
      return new long[] {snapshot, status.path("appliedSequence").asLong()};
    }
  }

  @Test
  void aRestartFromASnapshotIsTheNodeThatStoppedAndAFullReplayAgrees() throws Exception {
    String[] hash = new String[1];
    long applied = run(false, hash)[1];
    try (NodeDatabase db = NodeDatabase.open(dir.resolve("data").resolve("db"));
        SequencerLoop clean = new SequencerLoop()) {
      Journal journal = new Journal(db);
      assertThat(journal.firstSequence()).isEqualTo(1);
      journal.replay(
          0,
          e -> {
            if (e.sequence() <= applied) {
              clean.replay(e);
            }
          });
      clean.start();
      assertThat(clean.query(s -> StateQueries.status(s, 0).stateHash()).get(30, TimeUnit.SECONDS))
          .isEqualTo(hash[0]);
    }
  }

  @Test
  void withPruningTheJournalBeforeTheSnapshotIsGoneAndARestartStillGetsThere() throws Exception {
    long snapshot = run(true, new String[1])[0];
    try (NodeDatabase db = NodeDatabase.open(dir.resolve("data").resolve("db"))) {
      Journal journal = new Journal(db);
      assertThat(journal.firstSequence()).isEqualTo(snapshot);
      List<Long> replayed = new ArrayList<>();
      journal.replay(snapshot - 1, e -> replayed.add(e.sequence()));
      assertThat(replayed.getFirst()).isEqualTo(snapshot);
    }
  }
}
