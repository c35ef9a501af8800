package dev.sable.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A working directory of one run, {@code <parent>/<prefix><pid>}, deleted on close. A run killed
 * before it could delete its own is cleaned by the next run: directories of processes that no
 * longer exist are removed when a new one is made.
 */
public final class ScratchDirectory implements AutoCloseable {
  private final Path dir;

  private ScratchDirectory(Path dir) {
    this.dir = dir;
  }

  public static ScratchDirectory create(Path parent, String prefix) throws IOException {
    Files.createDirectories(parent);
    removeAbandoned(parent, prefix);
    Path dir = parent.resolve(prefix + ProcessHandle.current().pid());
    deleteTree(dir); // a leftover of an earlier process with this pid
    return new ScratchDirectory(Files.createDirectory(dir));
  }

  public Path path() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    deleteTree(dir);
  }

  private static void removeAbandoned(Path parent, String prefix) throws IOException {
    List<Path> candidates;
    try (Stream<Path> entries = Files.list(parent)) {
      candidates = entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
    for (Path candidate : candidates) {
      String pid = candidate.getFileName().toString().substring(prefix.length());
      if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
        deleteTree(candidate);
      }
    }
  }

  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
