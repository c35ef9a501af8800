package dev.sable.sequencer.archfixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test-only violator: engine code doing I/O. */
public final class WritesAFile {
  void write(Path path) throws IOException {
    Files.writeString(path, "state");
  }
}
