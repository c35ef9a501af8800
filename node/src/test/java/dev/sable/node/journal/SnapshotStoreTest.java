package dev.sable.node.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot files survive a crash at any point of their writing: what a crash can leave behind (a
 * temporary file of any length, a complete older file) never stands in for a snapshot, and a file
 * that is not whole is refused by its checksum, the previous one standing in.
 */
class SnapshotStoreTest {
  @TempDir Path dir;

  static NodeSnapshot snapshot(long sequence) {
    byte[] hash = new byte[32];
    hash[0] = (byte) sequence;
    return new NodeSnapshot(
        sequence,
        hash,
        new byte[] {1, 2, 3},
        new byte[] {4},
        new byte[0],
        new byte[] {5, 6},
        new byte[] {7});
  }

  @Test
  void aWrittenSnapshotReadsBackWhole() {
    SnapshotStore store = new SnapshotStore(dir);
    store.write(snapshot(7));
    NodeSnapshot back = store.latest().orElseThrow();
    assertThat(back).usingRecursiveComparison().isEqualTo(snapshot(7));
    assertThat(store.sequences()).containsExactly(7L);
  }

  @Test
  void aCrashMidWriteLeavesOnlyATemporaryFileWhichIsIgnoredAndRemoved() throws IOException {
    SnapshotStore store = new SnapshotStore(dir);
    store.write(snapshot(7));
    byte[] whole = Files.readAllBytes(store.path(7));
    for (int cut : new int[] {0, 10, whole.length / 2, whole.length}) {
      Files.write(dir.resolve(".snapshot-00000000000000000009.tmp"), Arrays.copyOf(whole, cut));
      assertThat(store.latest().orElseThrow().sequence()).isEqualTo(7);
    }
    assertThat(store.removeTemporaries()).isEqualTo(1);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("snapshot-00000000000000000007.snap");
    }
  }

  @Test
  void aFileThatIsNotWholeIsRefusedAndTheOlderOneStandsIn() throws IOException {
    SnapshotStore store = new SnapshotStore(dir);
    store.write(snapshot(7));
    store.write(snapshot(9));
    byte[] whole = Files.readAllBytes(store.path(9));
    Files.write(store.path(9), Arrays.copyOf(whole, whole.length - 1)); // torn
    assertThat(store.latest().orElseThrow().sequence()).isEqualTo(7);
    byte[] flipped = whole.clone();
    flipped[20] ^= 1; // a bad disk block
    Files.write(store.path(9), flipped);
    assertThat(store.latest().orElseThrow().sequence()).isEqualTo(7);
    Files.write(store.path(9), whole);
    assertThat(store.latest().orElseThrow().sequence()).isEqualTo(9);
    Files.write(store.path(9), Files.readAllBytes(store.path(7))); // misnamed
    assertThat(store.latest().orElseThrow().sequence()).isEqualTo(7);
  }

  @Test
  void theFormatIsCheckedBeforeAnythingIsRead() {
    byte[] good = SnapshotFormat.encode(snapshot(7));
    byte[] magic = good.clone();
    magic[0] = 'X';
    assertThatThrownBy(() -> SnapshotFormat.decode(magic)).hasMessageContaining("not a snapshot");
    byte[] format = good.clone();
    format[8] = 3;
    assertThatThrownBy(() -> SnapshotFormat.decode(format)).hasMessageContaining("checksum");
    assertThatThrownBy(() -> SnapshotFormat.decode(new byte[10]))
        .isInstanceOf(JournalException.class);
  }

  /** A file of format 1 (before the batches section) reads with an empty batches section. */
  @Test
  void formatOneReadsWithoutBatches() throws Exception {
    NodeSnapshot s = snapshot(7);
    NodeSnapshot withoutBatches =
        new NodeSnapshot(
            s.sequence(), s.stateHash(), s.engine(), s.gate(), s.fills(), s.trades(), new byte[0]);
    byte[] v2 = SnapshotFormat.encode(withoutBatches);
    byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - 32 - 4); // no batches length, no digest
    v1[8] = 1;
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(v1);
    byte[] file = java.util.Arrays.copyOf(v1, v1.length + 32);
    System.arraycopy(digest, 0, file, v1.length, 32);
    assertThat(SnapshotFormat.decode(file)).usingRecursiveComparison().isEqualTo(withoutBatches);
  }

  @Test
  void pruningKeepsTheNewestFiles() {
    SnapshotStore store = new SnapshotStore(dir);
    assertThat(store.prune(2)).isEqualTo(-1);
    for (long s : new long[] {3, 5, 8, 13}) {
      store.write(snapshot(s));
    }
    assertThat(store.prune(2)).isEqualTo(8);
    assertThat(store.sequences()).containsExactly(8L, 13L);
    assertThat(store.prune(5)).isEqualTo(8);
  }
}
