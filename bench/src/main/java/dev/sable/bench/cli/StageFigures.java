package dev.sable.bench.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;

/**
 * Where a run's acknowledgement latency goes inside the node: the means of the node's stage timers
 * over the measured window (from the {@code _count} and {@code _sum} of /metrics read when the
 * warm-up ends and again after the run). Means add up where percentiles do not: verify, the wait
 * for a group commit, the fsync, the hand-off of the answer to the connection's event loop, against
 * the node's own arrival-to-ack time and the generator's.
 */
final class StageFigures {
  private static final List<String> STAGES =
      List.of(
          "sable_intake_verify_seconds",
          "sable_journal_queue_wait_seconds",
          "sable_journal_sync_seconds",
          "sable_intake_ack_handoff_seconds",
          "sable_intake_ack_seconds");

  private final URI metrics;
  private final CompletableFuture<Map<String, double[]>> atMeasure;

  private StageFigures(URI metrics, CompletableFuture<Map<String, double[]>> atMeasure) {
    this.metrics = metrics;
    this.atMeasure = atMeasure;
  }

  /** Reads the node's timers once {@code warmupSeconds} have passed (the measured window). */
  static StageFigures window(URI base, double warmupSeconds) {
    URI uri = base.resolve("/metrics");
    CompletableFuture<Map<String, double[]>> at = new CompletableFuture<>();
    Thread.startVirtualThread(
        () -> {
          try {
            Thread.sleep((long) (warmupSeconds * 1000));
            at.complete(read(uri));
          } catch (IOException | InterruptedException | RuntimeException e) {
            at.completeExceptionally(e);
          }
        });
    return new StageFigures(uri, at);
  }

  /** The line for the run that just ended; {@code latency} is the generator's. */
  String line(String label, Histogram latency) throws IOException, InterruptedException {
    Map<String, double[]> after = read(metrics);
    Map<String, double[]> before = atMeasure.exceptionally(e -> null).join();
    if (before == null) {
      return "node stages" + label + ": /metrics could not be read when the warm-up ended";
    }
    String[] means = new String[STAGES.size()];
    for (int i = 0; i < STAGES.size(); i++) {
      double[] a = after.getOrDefault(STAGES.get(i), new double[2]);
      double[] b = before.getOrDefault(STAGES.get(i), new double[2]);
      double count = a[0] - b[0];
      means[i] = count > 0 ? String.format("%.2f", (a[1] - b[1]) / count * 1e3) : "n/a";
    }
    return String.format(
        "node stages%s (means over the measured window, ms): verify %s, journal queue wait %s,"
            + " fsync %s (per group commit), answer hand-off to the event loop %s;"
            + " arrival to ack in the node %s, send to ack at the generator %.2f",
        label, means[0], means[1], means[2], means[3], means[4], latency.getMean() / 1e6);
  }

  /** Each stage timer's count and sum (seconds). */
  private static Map<String, double[]> read(URI uri) throws IOException, InterruptedException {
    String text =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, double[]> out = new HashMap<>();
    for (String line : text.lines().toList()) {
      for (String stage : STAGES) {
        int field =
            line.startsWith(stage + "_count") ? 0 : line.startsWith(stage + "_sum") ? 1 : -1;
        if (field >= 0) {
          out.computeIfAbsent(stage, s -> new double[2])[field] =
              Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return out;
  }
}
