package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Children die with the JVM that started them, however it dies, and never before. */
class ChildProcessesTest {
  @TempDir Path dir;

  @Test
  void aChildOutlivesTheThreadThatAskedForIt() throws Exception {
    Process[] child = new Process[1];
    // Linux sends the death signal when the forking thread ends: this thread ends at once.
    Thread starter =
        new Thread(() -> child[0] = ChildProcesses.start(new ProcessBuilder("sleep", "30")));
    starter.start();
    starter.join();
    try {
      assertThat(child[0].waitFor(500, TimeUnit.MILLISECONDS)).isFalse();
      assertThat(child[0].pid()).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(child[0].toHandle().parent().map(ProcessHandle::pid))
          .contains(ProcessHandle.current().pid());
    } finally {
      child[0].destroyForcibly();
    }
  }

  @Test
  void aChildDiesWhenItsJvmIsKilledWithSigkill() throws Exception {
    assertChildDiesWith(true);
  }

  @Test
  void aChildDiesWhenItsJvmIsTerminated() throws Exception {
    assertChildDiesWith(false);
  }

  private void assertChildDiesWith(boolean sigkill) throws Exception {
    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                GuardedSleeper.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    ProcessHandle sleeper;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      long pid = Long.parseLong(out.readLine().trim());
      sleeper = ProcessHandle.of(pid).orElseThrow();
      assertThat(sleeper.parent().map(ProcessHandle::pid)).contains(jvm.pid());
      if (sigkill) {
        jvm.destroyForcibly();
      } else {
        jvm.destroy();
      }
      assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(jvm.exitValue()).isEqualTo(sigkill ? 137 : 143);
    assertThat(sleeper.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
  }

  @Test
  void theGuardRunsNothingWhenItsParentIsNotTheGivenProcess() throws Exception {
    Path marker = dir.resolve("ran");
    // pid 1 is never this test's JVM: the guard must see that and exit before running touch.
    Process p =
        new ProcessBuilder(ChildProcesses.guardedCommand(1, List.of("touch", marker.toString())))
            .start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(125);
    assertThat(marker).doesNotExist();

    Process ok =
        new ProcessBuilder(
                ChildProcesses.guardedCommand(
                    ProcessHandle.current().pid(), List.of("touch", marker.toString())))
            .start();
    assertThat(ok.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ok.exitValue()).isZero();
    assertThat(marker).exists();
  }

  @Test
  void theChildGetsTheBuildersDirectoryEnvironmentAndRedirects() throws IOException {
    Path out = dir.resolve("out.txt");
    ProcessBuilder pb =
        new ProcessBuilder("sh", "-c", "echo \"$SABLE_TEST_VALUE $(pwd)\"")
            .directory(dir.toFile())
            .redirectOutput(out.toFile());
    pb.environment().put("SABLE_TEST_VALUE", "seen");
    Process p = ChildProcesses.start(pb);
    assertThat(p.onExit().join().exitValue()).isZero();
    assertThat(Files.readString(out).trim()).isEqualTo("seen " + dir.toRealPath());
  }

  /** The child JVM of the death tests: starts a guarded sleep, prints its pid, waits. */
  public static final class GuardedSleeper {
    public static void main(String[] args) throws InterruptedException {
      Process sleep = ChildProcesses.start(new ProcessBuilder("sleep", "120"));
      System.out.println(sleep.pid());
      System.out.flush();
      sleep.waitFor();
    }
  }
}
