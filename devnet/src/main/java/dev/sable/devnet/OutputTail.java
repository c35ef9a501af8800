package dev.sable.devnet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Drains a child's output on a daemon thread (so the child never blocks on a full pipe), hands each
 * line to a listener, and keeps the last lines for error messages.
 */
public final class OutputTail {
  private final int maxLines;
  private final Deque<String> lines = new ArrayDeque<>();
  private final Thread reader;

  private OutputTail(InputStream in, String name, int maxLines, Consumer<String> listener) {
    this.maxLines = maxLines;
    this.reader =
        Thread.ofPlatform().daemon().name(name + "-output").start(() -> drain(in, listener));
  }

  /** Starts draining {@code in}, keeping its last {@code maxLines} lines. */
  public static OutputTail follow(
      InputStream in, String name, int maxLines, Consumer<String> listener) {
    return new OutputTail(in, name, maxLines, listener);
  }

  private void drain(InputStream in, Consumer<String> listener) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        keep(line);
        listener.accept(line);
      }
    } catch (IOException closed) {
      // the stream closes when the child is destroyed: nothing more to keep
    }
  }

  private synchronized void keep(String line) {
    if (line.isBlank()) {
      return;
    }
    if (lines.size() == maxLines) {
      lines.removeFirst();
    }
    lines.addLast(line.strip());
  }

  /** Waits up to {@code millis} for the output to end (the child has exited and it is drained). */
  public void awaitEnd(long millis) {
    try {
      reader.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The kept lines on one line, separated by " / ", or "(no output)". */
  public synchronized String summary() {
    return lines.isEmpty() ? "(no output)" : String.join(" / ", lines);
  }
}
