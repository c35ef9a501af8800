package dev.sable.state.vectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shared vector files under testdata/vectors at the repository root. */
public final class VectorFiles {
  private VectorFiles() {}

  public static Path dir() {
    String root = System.getProperty("sable.root");
    if (root == null) {
      throw new IllegalStateException(
          "system property sable.root (the repository root) is not set");
    }
    return Path.of(root, "testdata", "vectors");
  }

  public static List<VectorRecord> read(String name) throws IOException {
    return Files.readAllLines(dir().resolve(name)).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(VectorRecord::parse)
        .toList();
  }
}
