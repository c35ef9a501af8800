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
        new byte[] {7},
        new byte[] {8});
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
    format[8] = 4;
    assertThatThrownBy(() -> SnapshotFormat.decode(format)).hasMessageContaining("checksum");
    assertThatThrownBy(() -> SnapshotFormat.decode(new byte[10]))
        .isInstanceOf(JournalException.class);
  }

  /**
   * A file of format 1 (before the batches section) reads with empty batches and l1 sections, one
   * of format 2 (before the l1 section) with an empty l1 section.
   */
  @Test
  void olderFormatsReadWithoutTheirMissingSections() throws Exception {
    NodeSnapshot s = snapshot(7);
    NodeSnapshot withoutL1 =
        new NodeSnapshot(
            s.sequence(),
            s.stateHash(),
            s.engine(),
            s.gate(),
            s.fills(),
            s.trades(),
            s.batches(),
            new byte[0]);
    assertThat(SnapshotFormat.decode(older(withoutL1, 2, 4)))
        .usingRecursiveComparison()
        .isEqualTo(withoutL1);
    NodeSnapshot withoutBatches =
        new NodeSnapshot(
            s.sequence(),
            s.stateHash(),
            s.engine(),
            s.gate(),
            s.fills(),
            s.trades(),
            new byte[0],
            new byte[0]);
    assertThat(SnapshotFormat.decode(older(withoutBatches, 1, 8)))
        .usingRecursiveComparison()
        .isEqualTo(withoutBatches);
  }

  /**
   * The file of an older format: today's encoding of a snapshot whose last sections are empty, less
   * their lengths ({@code cut} bytes), with that format's number and its own checksum.
   */
  static byte[] older(NodeSnapshot s, int format, int cut) throws Exception {
    byte[] now = SnapshotFormat.encode(s);
    byte[] body = java.util.Arrays.copyOf(now, now.length - 32 - cut);
    body[8] = (byte) format;
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(body);
    byte[] file = java.util.Arrays.copyOf(body, body.length + 32);
    System.arraycopy(digest, 0, file, body.length, 32);
    return file;
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
