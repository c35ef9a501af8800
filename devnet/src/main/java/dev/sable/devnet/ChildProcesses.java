package dev.sable.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts child processes that die with this JVM however it ends, {@code kill -9} included.
 *
 * <p>Each child runs behind {@code setpriv --pdeathsig KILL} (util-linux), so the kernel sends it
 * SIGKILL when its parent goes away, and behind a one-line shell check that the parent is still
 * this JVM (closing the race where the JVM dies before the death signal is armed). Linux sends the
 * death signal when the <em>thread</em> that forked the child ends, not the process: every child is
 * therefore forked by one daemon thread that lives as long as the JVM. The guard execs the command,
 * so {@link Process#pid()} is the command's own pid and {@link Process#destroy()} reaches it
 * directly.
 */
public final class ChildProcesses {
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private static final String PARENT_CHECK =
      "test \"$PPID\" = \"$1\" || exit 125; shift; exec \"$@\"";

  /**
   * The one thread that forks children. A task's exception ends up in its Future, so the thread
   * itself never dies while the JVM runs.
   */
  private static final ExecutorService SPAWNER =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread t = new Thread(task, "sable-child-spawner");
            t.setDaemon(true);
            return t;
          });

  private ChildProcesses() {}

  /**
   * Starts {@code builder}'s command as a guarded child: the builder's directory, environment and
   * redirects apply; its command is run behind the guard described above.
   */
  public static Process start(ProcessBuilder builder) {
    if (!Files.isExecutable(SETPRIV)) {
      throw new MissingToolException(
          SETPRIV + " is missing: install util-linux (it ties child processes to this one)");
    }
    ProcessBuilder guarded = guardedCopy(builder);
    try {
      return SPAWNER.submit(guarded::start).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException("starting " + builder.command().get(0), io);
      }
      throw new IllegalStateException("starting " + builder.command().get(0), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + builder.command().get(0), e);
    }
  }

  /** The command line that runs {@code command} as a guarded child of process {@code parent}. */
  static List<String> guardedCommand(long parent, List<String> command) {
    List<String> guarded = new ArrayList<>();
    guarded.addAll(
        List.of(
            SETPRIV.toString(),
            "--pdeathsig",
            "KILL",
            "--",
            "/bin/sh",
            "-c",
            PARENT_CHECK,
            "sable-guard",
            Long.toString(parent)));
    guarded.addAll(command);
    return guarded;
  }

  private static ProcessBuilder guardedCopy(ProcessBuilder builder) {
    ProcessBuilder copy =
        new ProcessBuilder(guardedCommand(ProcessHandle.current().pid(), builder.command()))
            .directory(builder.directory())
            .redirectInput(builder.redirectInput())
            .redirectOutput(builder.redirectOutput())
            .redirectError(builder.redirectError())
            .redirectErrorStream(builder.redirectErrorStream());
    copy.environment().clear();
    copy.environment().putAll(builder.environment());
    return copy;
  }
}
