package dev.sable.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sable.crypto.OrderMessage;
import dev.sable.node.journal.Journal;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.NodeDatabase;
import dev.sable.node.sequencing.SequencerLoop;
import dev.sable.node.sequencing.StateQueries;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.SableStream;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import dev.sable.sequencer.command.Command;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 under load: a node in a child process takes sealed orders from four traders while the
 * test kills it with SIGKILL at random moments (sable.kills times, 20 by default), restarts it on
 * the same data directory, and checks that every acknowledged order is in the journal as
 * acknowledged, and that the restarted node's state hash equals a clean replay of the same journal
 * prefix. The node snapshots all the time (a snapshot whenever an entry has passed, checked every
 * 10 ms), so kills land while snapshots are written, and restarts restore the newest snapshot and
 * replay the journal after it: the clean replay of the whole journal checks that path too.
 */
class KillNineTest {
  private static final int KILLS = Integer.getInteger("sable.kills", 20);
  private static final int TRADERS = 4;
  private static final String SNAPSHOTS =
      "snapshot: {intervalMs: 10, minEntries: 1, keep: 2, pruneJournal: false}\n";

  @TempDir Path dir;
  private final Random random = new Random(11);
  private final Map<Long, long[]> acked = new ConcurrentHashMap<>(); // seq -> {account, clientId}
  private final List<TraderKey> keys = new ArrayList<>();
  private final AtomicInteger ackedOverSocket = new AtomicInteger();
  private final AtomicInteger ackedOverBinary = new AtomicInteger();
  private final long[] accounts = new long[TRADERS];
  private long nextClientId = 1;
  private Process child;
  private Path childLog;
  private int killedMidSnapshot;
  private int restoredFromSnapshot;

  @Test
  void everyAcknowledgedOrderSurvivesSigkillAndTheStateReplaysTheSame() throws Exception {
    for (int i = 0; i < TRADERS; i++) {
      keys.add(TraderKey.generate(new SecureRandom()));
    }
    SableClient client = new SableClient(startChild());
    List<Trader> traders = traders(client, true);
    for (int kill = 1; kill <= KILLS; kill++) {
      // the state the node reports right after it (re)started: a replay of its journal
      JsonNode restarted = client.get("/v1/status", null);
      // odd kills' sockets send binary frames, even kills' JSON frames
      SableStream.Frames frames =
          kill % 2 == 1 ? SableStream.Frames.BINARY : SableStream.Frames.JSON;
      SableStream stream = SableStream.open(client.base(), m -> {}, frames);
      drive(traders, stream, frames, 200 + random.nextInt(1200));
      kill();
      stream.close();
      checkJournalAgainst(restarted);
      client = new SableClient(startChild());
      if (Files.readString(childLog).contains("PROGRESS restored the snapshot of entry")) {
        restoredFromSnapshot++;
      }
      traders = traders(client, false);
    }
    JsonNode last = client.get("/v1/status", null);
    kill();
    checkJournalAgainst(last);
    assertThat(acked).hasSizeGreaterThan(KILLS * 10);
    assertThat(ackedOverSocket)
        .as("orders acknowledged over the WebSocket")
        .hasValueGreaterThan(KILLS * 5);
    assertThat(ackedOverBinary)
        .as("orders acknowledged over the WebSocket in binary frames")
        .hasValueGreaterThan(KILLS * 2);
    assertThat(restoredFromSnapshot).as("restarts from a snapshot").isPositive();
    if (KILLS >= 10) { // about half the kills land mid-write; none in ten would be a broken test
      assertThat(killedMidSnapshot).as("kills while a snapshot was being written").isPositive();
    }
    System.out.printf(
        "kill -9: %d SIGKILLs under load, %d acknowledged orders (%d over the WebSocket, %d of"
            + " them in binary frames) all in the journal;"
            + " %d restarts from a snapshot, %d kills while a snapshot was being written%n",
        KILLS,
        acked.size(),
        ackedOverSocket.get(),
        ackedOverBinary.get(),
        restoredFromSnapshot,
        killedMidSnapshot);
  }

  private List<Trader> traders(SableClient client, boolean first) {
    List<Trader> out = new ArrayList<>();
    for (int i = 0; i < TRADERS; i++) {
      Trader t = new Trader(client, keys.get(i), null);
      if (first) {
        accounts[i] = t.devDeposit(1_000_000_000L);
      } else {
        t.useAccount(accounts[i]);
      }
      out.add(t);
    }
    return out;
  }

  /**
   * Sends orders as fast as acknowledgements come back, up to 64 in flight, for a while: every
   * other one over the WebSocket ({@code submit}, in the stream's frames), the rest over HTTP.
   */
  private void drive(
      List<Trader> traders, SableStream stream, SableStream.Frames frames, long millis)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    int i = 0;
    while (System.nanoTime() < end) {
      inFlight.removeIf(CompletableFuture::isDone);
      if (inFlight.size() >= 64) {
        Thread.sleep(1);
        continue;
      }
      int t = i++ % TRADERS;
      long id = nextClientId++;
      OrderMessage m =
          new OrderMessage(
              accounts[t],
              0,
              id,
              t % 2,
              0,
              2990 + random.nextInt(21),
              1 + random.nextInt(5),
              0,
              0,
              0);
      long account = accounts[t];
      Trader trader = traders.get(t);
      CompletableFuture<Long> ack =
          i % 2 == 0
              ? trader.order(m)
              : trader
                  .submit(stream, trader.signer().order(m))
                  .whenComplete(
                      (seq, e) -> {
                        if (e == null) {
                          ackedOverSocket.incrementAndGet();
                          if (frames == SableStream.Frames.BINARY) {
                            ackedOverBinary.incrementAndGet();
                          }
                        }
                      });
      inFlight.add(ack.thenAccept(seq -> acked.put(seq, new long[] {account, id})));
    }
  }

  private URI startChild() throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "child-", ".log");
    childLog = out;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    child =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                KillTarget.class.getName(),
                dir.resolve("node").toString(),
                SNAPSHOTS)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(out)) {
        if (line.startsWith("PORT ")) {
          return URI.create("http://127.0.0.1:" + line.substring(5).trim());
        }
      }
      if (!child.isAlive()) {
        throw new IllegalStateException("the node exited: " + Files.readString(out));
      }
      Thread.sleep(50);
    }
    child.destroyForcibly();
    throw new IllegalStateException("the node did not start within 60 s: " + Files.readString(out));
  }

  private void kill() throws InterruptedException, IOException {
    child.destroyForcibly(); // SIGKILL
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    try (var files = Files.list(dir.resolve("node").resolve("data").resolve("snapshots"))) {
      if (files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"))) {
        killedMidSnapshot++; // the restart must ignore it
      }
    }
  }

  /**
   * With the child dead: every acknowledged order is in the journal under its sequence number, and
   * a clean replay of the journal up to the position the restarted node reported reaches the hash
   * it reported.
   */
  private void checkJournalAgainst(JsonNode status) throws Exception {
    try (NodeDatabase db = NodeDatabase.open(dir.resolve("node").resolve("data").resolve("db"))) {
      Journal journal = new Journal(db);
      for (Map.Entry<Long, long[]> a : acked.entrySet()) {
        JournalEntry e = journal.entry(a.getKey());
        assertThat(e).as("acknowledged entry " + a.getKey()).isNotNull();
        Command.PlaceOrder o = (Command.PlaceOrder) e.command();
        assertThat(new long[] {o.account(), o.clientOrderId()}).isEqualTo(a.getValue());
      }
      long applied = status.path("appliedSequence").asLong();
      try (SequencerLoop clean = new SequencerLoop()) {
        journal.replay(
            0,
            e -> {
              if (e.sequence() <= applied) {
                clean.replay(e);
              }
            });
        clean.start();
        String hash =
            clean.query(s -> StateQueries.status(s, applied).stateHash()).get(30, TimeUnit.SECONDS);
        assertThat(hash)
            .as("state hash at entry " + applied)
            .isEqualTo(status.path("stateHash").asText());
      }
    }
  }
}
