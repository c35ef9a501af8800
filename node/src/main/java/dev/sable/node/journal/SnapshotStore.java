package dev.sable.node.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot files in one directory: {@code snapshot-<sequence>.snap}, written whole or not at all. A
 * snapshot is written to a temporary file, forced to disk, renamed into place and the directory
 * forced, so a crash at any point leaves either the previous files or the new one complete; a
 * leftover temporary file is deleted at the next start. Reading takes the newest file whose
 * checksum holds, falling back to older ones.
 */
public final class SnapshotStore {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
  private static final Pattern NAME = Pattern.compile("snapshot-(\\d{20})\\.snap");
  private static final Pattern TEMPORARY = Pattern.compile("\\.snapshot-\\d{20}\\.tmp");

  private final Path dir;

  public SnapshotStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new JournalException("cannot create the snapshot directory " + dir, e);
    }
  }

  /** Writes a snapshot durably; returns its size in bytes. */
  public long write(NodeSnapshot snapshot) {
    byte[] bytes = SnapshotFormat.encode(snapshot);
    String name = String.format("snapshot-%020d", snapshot.sequence());
    Path tmp = dir.resolve("." + name + ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, dir.resolve(name + ".snap"), StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true); // the rename itself is durable
      }
    } catch (IOException e) {
      throw new JournalException("cannot write snapshot " + snapshot.sequence() + " to " + dir, e);
    }
    return bytes.length;
  }

  /** The sequence numbers of the snapshot files, ascending (valid or not). */
  public List<Long> sequences() {
    List<Long> out = new ArrayList<>();
    for (Path p : files()) {
      Matcher m = NAME.matcher(p.getFileName().toString());
      if (m.matches()) {
        out.add(Long.parseLong(m.group(1)));
      }
    }
    out.sort(null);
    return out;
  }

  /** The newest snapshot whose file is whole and valid; older ones stand in for a bad one. */
  public Optional<NodeSnapshot> latest() {
    List<Long> seqs = sequences();
    for (int i = seqs.size() - 1; i >= 0; i--) {
      Path p = path(seqs.get(i));
      try {
        NodeSnapshot s = SnapshotFormat.decode(Files.readAllBytes(p));
        if (s.sequence() == seqs.get(i)) {
          return Optional.of(s);
        }
        LOG.warn("snapshot file {} holds another sequence; skipped", p.getFileName());
      } catch (JournalException | IOException e) {
        LOG.warn(
            "snapshot file {} is unusable ({}); trying an older one",
            p.getFileName(),
            e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Deletes temporary files a crash left mid-write; returns how many. */
  public int removeTemporaries() {
    int n = 0;
    for (Path p : files()) {
      if (TEMPORARY.matcher(p.getFileName().toString()).matches()) {
        delete(p);
        n++;
      }
    }
    return n;
  }

  /**
   * Keeps the newest {@code keep} snapshot files and deletes the others; returns the sequence of
   * the oldest one kept, or -1 if there is none.
   */
  public long prune(int keep) {
    List<Long> seqs = sequences();
    for (int i = 0; i < seqs.size() - keep; i++) {
      delete(path(seqs.get(i)));
    }
    return seqs.isEmpty() ? -1 : seqs.get(Math.max(0, seqs.size() - keep));
  }

  public Path path(long sequence) {
    return dir.resolve(String.format("snapshot-%020d.snap", sequence));
  }

  private List<Path> files() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }
}
