package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirectoryTest {
  @TempDir Path parent;

  @Test
  void aRunRemovesItsOwnDirectoryAndThoseOfDeadRuns() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertThat(gone.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Path abandoned = Files.createDirectories(parent.resolve("run-" + gone.pid() + "/db"));
    Path living = Files.createDirectories(parent.resolve("run-1"));
    Path other = Files.createDirectories(parent.resolve("other-" + gone.pid()));

    Path mine;
    try (ScratchDirectory scratch = ScratchDirectory.create(parent, "run-")) {
      mine = scratch.path();
      assertThat(mine.getFileName().toString()).isEqualTo("run-" + ProcessHandle.current().pid());
      Files.writeString(mine.resolve("data"), "x");
      assertThat(abandoned.getParent()).doesNotExist();
    }
    assertThat(mine).doesNotExist();
    assertThat(living).exists(); // pid 1 is alive
    assertThat(other).exists(); // not this prefix
  }
}
