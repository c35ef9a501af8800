package dev.sable.bench.cli;

import dev.sable.bench.IntakeLoad;
import dev.sable.cli.OutputPaths;
import dev.sable.cli.UsageException;
import dev.sable.devnet.ScratchDirectory;
import dev.sable.devnet.Toolchain;
import dev.sable.node.Node;
import dev.sable.node.config.ConfigLoader;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sable bench intake}: sealed, signed orders over HTTP into a node on this machine (journal
 * with group commit, fsync before every acknowledgement), from a load generator in the same
 * process.
 */
@Command(
    name = "intake",
    mixinStandardHelpOptions = true,
    description =
        "Shielded order intake over HTTP: acknowledged (durable) orders per second and latency.")
public final class BenchIntakeCommand implements Callable<Integer> {
  private static final long PRICE = 3000;

  @Option(names = "--quick", description = "Short run (about a minute), for CI and smoke tests.")
  boolean quick;

  @Option(
      names = "--connections",
      defaultValue = "32",
      description = "HTTP connections, one request in flight each.")
  int connections;

  @Option(
      names = "--verifier-threads",
      defaultValue = "0",
      description = "The node's intake.verifierThreads (0: verify on the event loops).")
  int verifierThreads;

  @Option(
      names = "--event-loops",
      defaultValue = "0",
      description = "The node's http.eventLoops (0: one HTTP server per core).")
  int eventLoops;

  @Option(
      names = "--batch",
      defaultValue = "1",
      description =
          "Orders per HTTP request: 1 posts each to /v1/orders, 2..20 post them to"
              + " /v1/orders/batch.")
  int batch;

  @Option(
      names = "--transport",
      defaultValue = "http",
      description =
          "http: orders over HTTP only; ws: over HTTP and then over WebSockets at /v1/ws (op"
              + " submit, the same connections with one order in flight each), side by side in"
              + " one run on one node; ws-binary: as ws, then once more over WebSockets with"
              + " binary frames.")
  String transport;

  @Option(
      names = "--http-client",
      defaultValue = "vertx",
      description =
          "vertx: Vert.x's pooled HTTP client; plain: each HTTP connection writes its requests by"
              + " hand, as a trading program's order path would; both: plain, vertx, plain"
              + " again, each on fresh orders, on the same node, side by side.")
  String httpClient;

  @Option(
      names = "--traders",
      defaultValue = "64",
      description = "Trader accounts the orders come from.")
  int traders;

  @Option(
      names = "--profile",
      paramLabel = "FILE",
      description =
          "Record a JFR profile of the measured window (not the preparation) to FILE (with"
              + " --transport ws, the WebSocket run's to ws-FILE beside it, and with ws-binary the"
              + " binary run's to ws-binary-FILE).")
  Path profile;

  @Option(
      names = "--rounds",
      defaultValue = "1",
      description =
          "With --transport ws-binary: rounds of the two WebSocket runs, each round on fresh"
              + " orders, the first going first in odd rounds and second in even ones.")
  int rounds;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (batch < 1 || batch > 20) {
      throw new UsageException("--batch must be between 1 and 20");
    }
    if (!List.of("http", "ws", "ws-binary").contains(transport)) {
      throw new UsageException("--transport must be http, ws or ws-binary");
    }
    if (!List.of("plain", "vertx", "both").contains(httpClient)) {
      throw new UsageException("--http-client must be plain, vertx or both");
    }
    if (rounds < 1 || (rounds > 1 && !transport.equals("ws-binary"))) {
      throw new UsageException("--rounds takes 1 or more, and more than 1 only with ws-binary");
    }
    if (!transport.equals("http") && batch != 1) {
      throw new UsageException(
          "--transport " + transport + " compares one order per request: leave --batch out");
    }
    Path dir = OutputPaths.writableDirectory(results.directory(), "results directory");
    // the warm-up lets the JIT compile the node's paths: at 4 s the C2 compiler still took most
    // of a core during the measured window on this machine
    double warmup = quick ? 8 : 20;
    double measure = quick ? 8 : 30;
    // enough orders for 16k orders/s through warm-up and window: fewer, and a fast run exhausts
    // them and measures a shortened window (printed as "measured <s> s")
    int orders = (int) ((warmup + measure) * 16_000);
    List<String> lines = new ArrayList<>();
    lines.add(
        "command: ./sable bench intake"
            + (quick ? " --quick" : "")
            + " --connections "
            + connections
            + " --traders "
            + traders
            + " --verifier-threads "
            + verifierThreads
            + " --event-loops "
            + eventLoops
            + (batch == 1 ? "" : " --batch " + batch)
            + (httpClient.equals("vertx") ? "" : " --http-client " + httpClient)
            + (transport.equals("http") ? "" : " --transport " + transport)
            + (rounds == 1 ? "" : " --rounds " + rounds)
            + (results.save ? " --save" : ""));
    lines.add("date: " + Instant.now());
    lines.add("load average at start: " + loadAverage());
    lines.add(
        "machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cpus (shared; figures are noisy), java "
            + System.getProperty("java.version")
            + ", max heap "
            + Runtime.getRuntime().maxMemory() / (1 << 20)
            + " MiB");
    Path scratchParent = Toolchain.fromEnvironment().root().resolve(".sable/tmp");
    try (ScratchDirectory scratch = ScratchDirectory.create(scratchParent, "bench-intake-");
        Node node =
            Node.start(
                ConfigLoader.load(
                    null,
                    Map.of(
                        "SABLE_DATA_DIR", scratch.path().toString(),
                        "SABLE_HTTP_PORT", "0",
                        "SABLE_HTTP_REQUESTS_PER_SECOND", "1000000",
                        "SABLE_HTTP_BURST", "1000000",
                        "SABLE_L1_MODE", "none",
                        "SABLE_INTAKE_VERIFIER_THREADS", Integer.toString(verifierThreads),
                        "SABLE_HTTP_EVENT_LOOPS", Integer.toString(eventLoops),
                        "SABLE_PIPELINE_ENABLED", "false")),
                null,
                line -> {})) {
      URI base = URI.create("http://127.0.0.1:" + node.httpPort());
      IntakeLoad load = new IntakeLoad(base, traders, PRICE, batch);
      System.out.println("signing and sealing " + orders + " orders (before the clock starts)...");
      long prepStart = System.nanoTime();
      Buffer[] bodies = load.prepare(orders);
      List<Buffer[]> moreHttp =
          httpClient.equals("both") ? List.of(load.prepare(orders), load.prepare(orders)) : null;
      // the replay guard refuses an order sent twice: each WebSocket run gets its own orders
      List<SocketRun> socketRuns = new ArrayList<>();
      for (int round = 1; round <= (transport.equals("http") ? 0 : rounds); round++) {
        String suffix = rounds == 1 ? "" : " round " + round;
        SocketRun json =
            new SocketRun("ws" + suffix, false, IntakeLoad.frames(load.prepare(orders)));
        if (transport.equals("ws")) {
          socketRuns.add(json);
        } else {
          // alternating which goes first, so neither always has the other's JIT warm-up
          SocketRun binary =
              new SocketRun("ws-binary" + suffix, true, IntakeLoad.binaryFrames(load.seal(orders)));
          socketRuns.addAll(round % 2 == 1 ? List.of(json, binary) : List.of(binary, json));
        }
      }
      double prepSeconds =
          (System.nanoTime() - prepStart)
              / 1e9
              / (1 + socketRuns.size() + (moreHttp == null ? 0 : moreHttp.size()));
      boolean plain = !httpClient.equals("vertx");
      System.out.printf("measuring: %.0f s warm-up, %.0f s measured...%n", warmup, measure);
      StageFigures httpStages = StageFigures.window(base, warmup);
      IntakeLoad.Result r =
          profiled(
              profile, () -> load.run(Arrays.asList(bodies), connections, warmup, measure, plain));
      Histogram h = r.latency().getIntervalHistogram();
      lines.add(
          String.format(
              "setup: node with journal fsync per group commit, no L1, %s;"
                  + " %d traders, orders within 10 ticks of %d (some fill, some rest)",
              verifierThreads == 0
                  ? "requests verified on the event loops"
                  : verifierThreads + " verifier threads",
              traders,
              PRICE));
      lines.add(
          String.format(
              "generator: same process, %d HTTP/1.1 connections with one request in flight each"
                  + " (%s), %s; orders signed and sealed before the measurement (%.0f orders/s on"
                  + " all cores: a trader's own cost, on its own machine)",
              connections,
              plain
                  ? "requests written by hand on a kept-alive socket"
                  : "Vert.x's pooled HTTP client",
              batch == 1
                  ? "one order per request (POST /v1/orders)"
                  : batch + " orders per request (POST /v1/orders/batch)",
              orders / prepSeconds));
      lines.addAll(report("", warmup, r, h));
      lines.add(httpStages.line("", h));
      // --http-client both: plain, Vert.x's client, plain again (A-B-A: the first run of the
      // process also pays the JIT's compiling, so each plain run is compared with the pooled one)
      List<String> httpLast = new ArrayList<>();
      IntakeLoad.Result pooled = null;
      Histogram pooledH = null;
      for (int i = 0; i < (moreHttp == null ? 0 : moreHttp.size()); i++) {
        boolean plainRun = i == 1;
        String label = plainRun ? "http round 2" : "http-vertx";
        Buffer[] more = moreHttp.get(i);
        System.out.printf(
            "over HTTP (%s): %.0f s warm-up, %.0f s measured...%n", label, warmup, measure);
        lines.add(
            "then, on the same node: the same HTTP run with "
                + (plainRun ? "requests written by hand" : "Vert.x's pooled HTTP client")
                + " (fresh traders' orders)");
        StageFigures stages = StageFigures.window(base, warmup);
        IntakeLoad.Result p =
            profiled(
                profile == null
                    ? null
                    : profile.resolveSibling(label.replace(' ', '-') + "-" + profile.getFileName()),
                () -> load.run(Arrays.asList(more), connections, warmup, measure, plainRun));
        Histogram hp = p.latency().getIntervalHistogram();
        lines.addAll(report(" " + label, warmup, p, hp));
        lines.add(stages.line(" " + label, hp));
        if (plainRun) {
          lines.add(ratios("http round 2/http-vertx", p, hp, pooled, pooledH));
        } else {
          lines.add(ratios("http/http-vertx", r, h, p, hp));
          pooled = p;
          pooledH = hp;
        }
        httpLast.add(
            String.format(
                "intake %s: %.0f orders/s, p50 %s ms, p99 %s ms",
                label, p.acked() / p.seconds(), ms(hp, 50), ms(hp, 99)));
      }
      List<String> lastLines = new ArrayList<>();
      IntakeLoad.Result previous = null;
      Histogram previousH = null;
      for (int i = 0; i < socketRuns.size(); i++) {
        SocketRun run = socketRuns.get(i);
        System.out.printf(
            "over WebSockets (%s): %.0f s warm-up, %.0f s measured...%n",
            run.label(), warmup, measure);
        lines.add(
            String.format(
                "then, on the same node: %d WebSockets at /v1/ws, one order in flight each"
                    + " (%s, fresh traders' orders)",
                connections, run.binary() ? "binary frames" : "{\"op\":\"submit\"} frames"));
        StageFigures stages = StageFigures.window(base, warmup);
        IntakeLoad.Result w =
            profiled(
                profile == null
                    ? null
                    : profile.resolveSibling(
                        run.label().replace(' ', '-') + "-" + profile.getFileName()),
                () -> load.runSockets(run.frames(), run.binary(), connections, warmup, measure));
        Histogram hw = w.latency().getIntervalHistogram();
        lines.addAll(report(" " + run.label(), warmup, w, hw));
        lines.add(stages.line(" " + run.label(), hw));
        lines.add(ratios(run.label() + "/http", w, hw, r, h));
        if (transport.equals("ws-binary") && i % 2 == 1) { // a round's second run: binary vs JSON
          lines.add(
              run.binary()
                  ? ratios(run.label() + "/json", w, hw, previous, previousH)
                  : ratios(socketRuns.get(i - 1).label() + "/json", previous, previousH, w, hw));
        }
        previous = w;
        previousH = hw;
        lastLines.add(
            String.format(
                "intake %s: %.0f orders/s, p50 %s ms, p99 %s ms",
                run.label(), w.acked() / w.seconds(), ms(hw, 50), ms(hw, 99)));
      }
      lines.addAll(serverFigures(base));
      lines.add(
          String.format(
              "intake: %.0f orders/s, p50 %s ms, p99 %s ms",
              r.acked() / r.seconds(), ms(h, 50), ms(h, 99)));
      lines.addAll(httpLast);
      lines.addAll(lastLines);
    }
    Path out = save(dir, lines);
    System.out.println();
    System.out.println("results: " + out);
    lines.forEach(System.out::println);
    return 0;
  }

  /** One WebSocket measurement to make: its label and its frames (binary or JSON text). */
  private record SocketRun(String label, boolean binary, Buffer[] frames) {}

  /** One run's figures against another's, as ratios. */
  private static String ratios(
      String label, IntakeLoad.Result a, Histogram ha, IntakeLoad.Result b, Histogram hb) {
    return String.format(
        "%s: %.2fx the orders/s, %.2fx the p99, %.2fx the CPU per order",
        label,
        (a.acked() / a.seconds()) / (b.acked() / b.seconds()),
        (double) ha.getValueAtPercentile(99) / hb.getValueAtPercentile(99),
        (a.cpuSeconds() / a.acked()) / (b.cpuSeconds() / b.acked()));
  }

  /** A run of the load, in process. */
  @FunctionalInterface
  private interface Run {
    IntakeLoad.Result run() throws InterruptedException;
  }

  /** The run, recorded as a JFR profile into {@code file} unless it is null. */
  private static IntakeLoad.Result profiled(Path file, Run run) throws InterruptedException {
    if (file == null) {
      return run.run();
    }
    IntakeLoad.Result r;
    try (jdk.jfr.Recording recording =
        new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
      // a sample every millisecond (the profile's default is 10-20 ms): enough samples to rank
      // the costs of one request in an 8 s window
      recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
      recording.start();
      r = run.run();
      recording.dump(file);
    } catch (java.text.ParseException e) {
      throw new IllegalStateException("the JDK's JFR profile settings do not parse", e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    System.out.println("profile written to " + file);
    return r;
  }

  /** One transport's figures; {@code label} tells WebSocket lines from HTTP ones. */
  private static List<String> report(
      String label, double warmup, IntakeLoad.Result r, Histogram h) {
    double cpuPerOrder = r.cpuSeconds() / r.acked() * 1e6;
    return List.of(
        String.format(
            "measured%s %.1f s after %.0f s of warm-up: %d orders acknowledged, %d refused",
            label, r.seconds(), warmup, r.acked(), r.refused()),
        String.format(
            "ack latency%s (send to the durable answer): p50 %s ms, p90 %s ms, p99 %s ms, p99.9 %s"
                + " ms, max %s ms",
            label, ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), ms(h, 100)),
        String.format(
            "cpu%s: %.0f us of process CPU per acknowledged order in the measured window (node and"
                + " generator together, %.0f us of it the generator's event loop; the machine's"
                + " other load does not count), so %d dedicated cores would take about %.0f"
                + " orders/s",
            label,
            cpuPerOrder,
            r.generatorCpuSeconds() / r.acked() * 1e6,
            Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().availableProcessors() * 1e6 / cpuPerOrder));
  }

  /** The node's own view: group-commit batch sizes, sync times, verification time. */
  private static List<String> serverFigures(URI base) throws IOException, InterruptedException {
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    List<String> out = new ArrayList<>();
    out.add("node metrics (/metrics, whole run):");
    for (String line : metrics.lines().toList()) {
      if (line.startsWith("sable_journal_sync_seconds")
          || line.startsWith("sable_journal_batch_size")
          || line.startsWith("sable_journal_queue_wait_seconds")
          || line.startsWith("sable_intake_verify_seconds")
          || line.startsWith("sable_intake_ack_handoff_seconds")
          || line.startsWith("sable_intake_ack_seconds{")) {
        out.add("  " + line);
      }
    }
    return out;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String ms(Histogram h, double percentile) {
    return String.format("%.2f", h.getValueAtPercentile(percentile) / 1e6);
  }

  private static Path save(Path dir, List<String> lines) throws IOException {
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Path file = dir.resolve("intake-" + stamp + ".txt");
    Files.write(file, lines);
    return file;
  }
}
