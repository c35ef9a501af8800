package dev.sable.state.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.state.BatchUpdate;
import dev.sable.state.LeafWrite;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.StagedBatch;
import dev.sable.state.store.InMemoryKeyValueStore;
import dev.sable.state.store.KeyValueStore;
import dev.sable.state.store.StoreBatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account tree on RocksDB: same roots as in memory, and the same root after a reopen. */
class RocksDbTreeTest {
  private static final int DEPTH = 24;
  private static final byte[] NS = {1};
  private static final int KILLS = 10;

  @TempDir Path dir;

  private static SparseMerkleTree tree(KeyValueStore store) {
    return new SparseMerkleTree(store, NS, DEPTH, Poseidon2.INSTANCE);
  }

  static List<List<LeafWrite>> batches(long seed, int count, int size) {
    Random random = new Random(seed);
    List<List<LeafWrite>> batches = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      List<LeafWrite> batch = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        batch.add(
            new LeafWrite(random.nextLong(1L << DEPTH), Fr.ofLong(random.nextLong(1L << 62))));
      }
      batches.add(batch);
    }
    return batches;
  }

  @Test
  void rootsMatchTheInMemoryTwinAndSurviveReopen() {
    Path db = dir.resolve("db");
    SparseMerkleTree memory = tree(new InMemoryKeyValueStore());
    Fr root;
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(db, true)) {
      SparseMerkleTree onDisk = tree(store);
      for (List<LeafWrite> batch : batches(3, 5, 20)) {
        BatchUpdate expected = memory.applyBatch(batch);
        assertThat(onDisk.applyBatch(batch)).isEqualTo(expected);
      }
      root = onDisk.root();
      store.checkpoint(dir.resolve("snapshot"));
      onDisk.update(5, Fr.ONE); // after the snapshot
    }
    try (RocksDbKeyValueStore reopened = RocksDbKeyValueStore.open(db, true)) {
      SparseMerkleTree t = tree(reopened);
      assertThat(t.leaf(5)).isEqualTo(Fr.ONE);
      assertThat(t.proof(5).verify(Poseidon2.INSTANCE)).isTrue();
    }
    try (RocksDbKeyValueStore snapshot = RocksDbKeyValueStore.open(dir.resolve("snapshot"), true)) {
      assertThat(tree(snapshot).root()).isEqualTo(root).isEqualTo(memory.root());
    }
  }

  /**
   * Atomicity under SIGKILL: a child JVM applies synced batches without end and is killed at random
   * moments, half of them while RocksDB writes a batch (the child says when it starts one); after
   * each kill the reopened tree must sit exactly at the root of the last batch whose write
   * returned, or of the one being written if that write completed before the kill, never in
   * between. The next child continues from there. No kill leaves a temp file (RocksDB's library is
   * not copied to /tmp per start). SIGKILL keeps what the kernel already holds, so this shows
   * atomicity, not durability against power loss (docs/state.md, storage).
   */
  @Test
  void sigkillInTheMiddleOfBatchWritesLeavesExactlyTheLastCommittedRoot() throws Exception {
    Path db = dir.resolve("crash");
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    SparseMerkleTree twin = tree(new InMemoryKeyValueStore());
    int committed = 0;
    int duringWrite = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      boolean inWrite = kill % 2 == 0;
      Process child = CrashingWriter.start(db, tmp, committed);
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      int batchesBeforeKill = 1 + random.nextInt(2); // so every child commits something
      for (String line = out.readLine(); ; line = out.readLine()) {
        assertThat(line).as("child output ended (seed %d)", seed).isNotNull();
        if (line.startsWith("root ")) {
          committed = expectCommitted(twin, committed, line);
        } else if (line.equals("writing") && batchesBeforeKill-- <= 0 && inWrite) {
          Thread.sleep(Duration.ofNanos(random.nextInt(5_000_000))); // up to 5 ms into the write
          break;
        } else if (line.equals("hashing") && batchesBeforeKill <= 0 && !inWrite) {
          Thread.sleep(random.nextInt(150)); // anywhere in the next batch
          break;
        }
      }
      child.toHandle().destroyForcibly(); // SIGKILL; unlike Process's, keeps its output readable
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isEqualTo(137);
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("root ")) { // committed and printed before the kill
          committed = expectCommitted(twin, committed, line);
        }
      }
      try (RocksDbKeyValueStore reopened = RocksDbKeyValueStore.open(db, true)) {
        SparseMerkleTree onDisk = tree(reopened);
        if (!onDisk.root().equals(twin.root())) {
          StagedBatch next = twin.stage(CrashingWriter.batch(committed));
          assertThat(onDisk.root())
              .as("kill %d (seed %d): neither the last printed root nor the next one", kill, seed)
              .isEqualTo(next.update().newRoot());
          twin.commit(next); // its write completed before the kill; its print did not
          committed++;
          duringWrite += inWrite ? 1 : 0;
        }
        // Not only the root: every leaf of the batches around the kill is all old or all new.
        for (int b = Math.max(0, committed - 1); b <= committed; b++) {
          for (LeafWrite w : CrashingWriter.batch(b)) {
            assertThat(onDisk.leaf(w.index()))
                .as("kill %d (seed %d), leaf %d", kill, seed, w.index())
                .isEqualTo(twin.leaf(w.index()));
            assertThat(onDisk.proof(w.index()).verify(Poseidon2.INSTANCE)).isTrue();
          }
        }
      }
    }
    assertThat(committed).isGreaterThanOrEqualTo(KILLS);
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.toList()).as("temp files left by the killed writers").isEmpty();
    }
    System.out.printf(
        "crash test (seed %d): %d kills, %d batches committed, %d kills landed after a write"
            + " completed but before its root was printed%n",
        seed, KILLS, committed, duringWrite);
  }

  /** Checks a {@code root <batch> <hex>} line against the twin and applies that batch to it. */
  private static int expectCommitted(SparseMerkleTree twin, int committed, String line) {
    String[] parts = line.split(" ");
    assertThat(Integer.parseInt(parts[1])).isEqualTo(committed);
    twin.applyBatch(CrashingWriter.batch(committed));
    assertThat(parts[2]).isEqualTo(twin.root().toHex());
    return committed + 1;
  }

  /** The child process of the crash test: applies batch after batch until it is killed. */
  public static final class CrashingWriter {
    static Process start(Path db, Path tmp, int firstBatch) throws IOException {
      return new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "--enable-native-access=ALL-UNNAMED",
              "-Djava.io.tmpdir=" + tmp,
              "-cp",
              System.getProperty("java.class.path"),
              CrashingWriter.class.getName(),
              db.toString(),
              Integer.toString(firstBatch))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
    }

    /** Batch number b of the endless workload: 100 random leaves, the same on every run. */
    static List<LeafWrite> batch(int b) {
      return batches(1_000_003L * b, 1, 100).get(0);
    }

    public static void main(String[] args) {
      KeyValueStore disk = RocksDbKeyValueStore.open(Path.of(args[0]), true);
      KeyValueStore announcing =
          new KeyValueStore() {
            @Override
            public byte[] get(byte[] key) {
              return disk.get(key);
            }

            @Override
            public void write(StoreBatch batch) {
              System.out.println("writing");
              System.out.flush();
              disk.write(batch);
            }

            @Override
            public void close() {
              disk.close();
            }
          };
      SparseMerkleTree t = tree(announcing);
      for (int b = Integer.parseInt(args[1]); ; b++) {
        System.out.println("hashing");
        System.out.flush();
        Fr root = t.applyBatch(batch(b)).newRoot();
        System.out.println("root " + b + " " + root.toHex());
        System.out.flush();
      }
    }
  }
}
