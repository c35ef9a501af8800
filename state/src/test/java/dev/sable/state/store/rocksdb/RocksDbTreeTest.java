package dev.sable.state.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.state.BatchUpdate;
import dev.sable.state.LeafWrite;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.store.InMemoryKeyValueStore;
import dev.sable.state.store.KeyValueStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account tree on RocksDB: same roots as in memory, and the same root after a reopen. */
class RocksDbTreeTest {
  private static final int DEPTH = 24;
  private static final byte[] NS = {1};

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
   * A child JVM applies synced batches and halts without closing anything, as a crash would; the
   * reopened tree has the root of the last batch it reported.
   */
  @Test
  void aCrashedWriterLeavesTheLastCommittedRoot() throws IOException, InterruptedException {
    Path db = dir.resolve("crash");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashingWriter.class.getName(),
                db.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(p.exitValue()).as(output).isEqualTo(CrashingWriter.EXIT_CODE);
    String[] lines = output.split("\n");
    String lastRoot = lines[lines.length - 1];

    SparseMerkleTree memory = tree(new InMemoryKeyValueStore());
    for (List<LeafWrite> batch : CrashingWriter.workload()) {
      memory.applyBatch(batch);
    }
    assertThat(lastRoot).isEqualTo(memory.root().toHex());
    assertThat(Files.exists(db)).isTrue();
    try (RocksDbKeyValueStore reopened = RocksDbKeyValueStore.open(db, true)) {
      assertThat(tree(reopened).root().toHex()).isEqualTo(lastRoot);
    }
  }

  /** The child process of {@link #aCrashedWriterLeavesTheLastCommittedRoot}. */
  public static final class CrashingWriter {
    static final int EXIT_CODE = 77;

    static List<List<LeafWrite>> workload() {
      return batches(11, 4, 25);
    }

    public static void main(String[] args) {
      RocksDbKeyValueStore store = RocksDbKeyValueStore.open(Path.of(args[0]), true);
      SparseMerkleTree t = tree(store);
      for (List<LeafWrite> batch : workload()) {
        System.out.println(t.applyBatch(batch).newRoot().toHex());
      }
      System.out.flush();
      Runtime.getRuntime().halt(EXIT_CODE); // no close, no flush of memtables
    }
  }
}
