package dev.sable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.Capacities;
import dev.sable.batch.SettlementCircuit;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A demo killed at different moments, the way an operator or the OOM killer would, leaves no
 * process and no temporary file of its own: anvil and solc die with it.
 */
class KilledRunTest {
  /** The key directory the module's tests share (set up once, like a returning user's). */
  static final Path keys = Path.of(System.getProperty("sable.root")).resolve(".sable/test-keys");

  @TempDir Path tmp;

  /** Where in the run the JVM is killed, and how the test sees that moment arrive. */
  enum Moment {
    COMPILING_THE_VERIFIER,
    STARTING_ANVIL,
    L1_RUNNING,
    PROVING_A_BATCH;

    boolean reached(Run run) {
      return switch (this) {
        case COMPILING_THE_VERIFIER -> run.hasChild(cmd -> cmd.contains("solc-shim"));
        case STARTING_ANVIL -> run.hasChild(cmd -> cmd.contains("anvil"));
        case L1_RUNNING -> run.printed("local L1 at");
        case PROVING_A_BATCH -> run.printed("batch 1:");
      };
    }
  }

  @BeforeAll
  static void setUpKeys() {
    GnarkProver.open(SettlementCircuit.layout(Capacities.TINY), keys, KeyPolicy.DEVELOPMENT_SETUP)
        .close(); // so every run starts alike: keys set up before
  }

  @ParameterizedTest
  @EnumSource(Moment.class)
  void sigkillLeavesNoProcessAndNoTempFile(Moment moment) throws Exception {
    Run run = Run.start(tmp);
    run.awaitThenKill(moment, true);
    assertThat(run.process.exitValue()).isEqualTo(137);
    run.assertChildrenGone();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.toList()).as("temp files left by the killed run").isEmpty();
    }
  }

  @Test
  void sigtermStopsAnvilToo() throws Exception {
    Run run = Run.start(tmp);
    run.awaitThenKill(Moment.PROVING_A_BATCH, false);
    assertThat(run.process.exitValue()).isEqualTo(143);
    run.assertChildrenGone();
  }

  /** A demo in a JVM of its own, with its own temp directory, watched from outside. */
  static final class Run {
    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();
    final Set<ProcessHandle> children = ConcurrentHashMap.newKeySet();

    private Run(Process process) {
      this.process = process;
      Thread.ofPlatform().daemon().start(this::readOutput);
    }

    static Run start(Path tmp) throws IOException {
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "--enable-native-access=ALL-UNNAMED",
                  "-Djava.io.tmpdir=" + tmp,
                  "-Dsable.root=" + System.getProperty("sable.root"),
                  "-cp",
                  System.getProperty("java.class.path"),
                  SableCli.class.getName(),
                  "demo",
                  "--batches",
                  "100",
                  "--key-dir",
                  keys.toString())
              .redirectErrorStream(true);
      pb.environment().put("TMPDIR", tmp.toString());
      return new Run(pb.start());
    }

    private void readOutput() {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(line);
        }
      } catch (IOException ended) {
        // the process is gone
      }
    }

    boolean printed(String text) {
      return lines.stream().anyMatch(l -> l.contains(text));
    }

    boolean hasChild(Predicate<String> commandLine) {
      return children.stream()
          .filter(ProcessHandle::isAlive)
          .anyMatch(c -> commandLine.test(c.info().commandLine().orElse("")));
    }

    void awaitThenKill(Moment moment, boolean sigkill) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!moment.reached(this)) {
        assertThat(process.isAlive()).as("the run ended early: %s", lines).isTrue();
        assertThat(System.nanoTime())
            .as("never reached %s: %s", moment, lines)
            .isLessThan(deadline);
        process.descendants().forEach(children::add);
        Thread.sleep(5);
      }
      process.descendants().forEach(children::add);
      if (sigkill) {
        process.destroyForcibly();
      } else {
        process.destroy();
      }
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    void assertChildrenGone() throws InterruptedException {
      assertThat(children).as("the run had started children").isNotEmpty();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(children.stream().filter(ProcessHandle::isAlive).map(c -> c.info().toString()))
          .as("children still alive after the run died")
          .isEmpty();
    }
  }
}
