package dev.sable.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.sealed.SealedMessage;
import dev.sable.crypto.sealed.SubmitAnswer;
import dev.sable.crypto.sealed.SubmitFrame;
import dev.sable.sdk.NodeInfo;
import dev.sable.sdk.RequestSealer;
import dev.sable.sdk.RequestSigner;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.HdrHistogram.Recorder;

/**
 * The intake benchmark's load generator: traders with funded accounts, each with one sealed session
 * to the node; orders signed and sealed before the clock starts (a trader's own cost, on its own
 * machine); then {@code connections} HTTP/1.1 connections, each with one request in flight, send
 * them as fast as the node acknowledges them, one order per request ({@code POST /v1/orders}) or
 * {@code batch} per request ({@code POST /v1/orders/batch}, each order one trader's). An order's
 * latency is from its request's send to the answer (202, or the batch's 200): durable.
 */
public final class IntakeLoad {
  /** What a run measured: acknowledged orders in the window, refusals, latency, the window. */
  public record Result(
      long acked,
      long refused,
      Recorder latency,
      double seconds,
      double cpuSeconds,
      double generatorCpuSeconds) {}

  private final URI node;
  private final int traders;
  private final long price;
  private final int batch;

  /**
   * @param batch orders per HTTP request: 1 for {@code /v1/orders}, more for the batch route
   */
  public IntakeLoad(URI node, int traders, long price, int batch) {
    this.node = node;
    this.traders = traders;
    this.price = price;
    this.batch = batch;
  }

  /**
   * Funds the traders (development faucet) and signs and seals {@code orders} orders across them,
   * on all cores: trader i's orders alternate buy and sell within 10 ticks of the price, so some
   * rest and some fill. Returns the request bodies ({@code batch} orders each).
   */
  public Buffer[] prepare(int orders) {
    return bodies(seal(orders));
  }

  /** Funds fresh traders and signs and seals {@code orders} orders across them, on all cores. */
  public SealedMessage[] seal(int orders) {
    SableClient client = new SableClient(node);
    NodeInfo info = client.info();
    long[] accounts = new long[traders];
    RequestSigner[] signers = new RequestSigner[traders];
    RequestSealer[] sealers = new RequestSealer[traders];
    for (int t = 0; t < traders; t++) {
      Trader trader =
          new Trader(client, TraderKey.generate(new java.security.SecureRandom()), null);
      accounts[t] = trader.devDeposit(1_000_000_000_000L);
      signers[t] = new RequestSigner(trader.key().privateKey(), info.deployment());
      sealers[t] = new RequestSealer(info.intakeKey(), info.deployment());
    }
    SealedMessage[] sealed = new SealedMessage[orders];
    IntStream.range(0, orders)
        .parallel()
        .forEach(
            i -> {
              int t = i % traders;
              Random r = new Random(i);
              long side = (i / traders) % 2;
              OrderMessage m =
                  new OrderMessage(
                      accounts[t],
                      0,
                      1 + i / traders,
                      side,
                      0,
                      price - 5 + r.nextInt(11),
                      1 + r.nextInt(5),
                      0,
                      0,
                      0);
              sealed[i] = sealers[t].seal(signers[t].order(m));
            });
    return sealed;
  }

  /** The orders as HTTP bodies, {@code batch} each. */
  private Buffer[] bodies(SealedMessage[] orders) {
    String[] sealed = java.util.Arrays.stream(orders).map(IntakeLoad::json).toArray(String[]::new);
    Buffer[] bodies = new Buffer[orders.length / batch];
    for (int b = 0; b < bodies.length; b++) {
      String[] group = java.util.Arrays.copyOfRange(sealed, b * batch, (b + 1) * batch);
      bodies[b] =
          Buffer.buffer(batch == 1 ? group[0] : "{\"requests\":[" + String.join(",", group) + "]}");
    }
    return bodies;
  }

  /**
   * The same orders as WebSocket frames ({@code {"op":"submit","id":i,"kind":"order","request":
   * body}}), from {@link #prepare} with a batch of 1; frame i has id i.
   */
  public static Buffer[] frames(Buffer[] bodies) {
    Buffer[] frames = new Buffer[bodies.length];
    for (int i = 0; i < bodies.length; i++) {
      frames[i] =
          Buffer.buffer(
              "{\"op\":\"submit\",\"id\":"
                  + i
                  + ",\"kind\":\"order\",\"request\":"
                  + bodies[i]
                  + "}");
    }
    return frames;
  }

  /**
   * The orders as binary WebSocket frames ({@link SubmitFrame}, docs/node.md "Binary frames");
   * frame i has request id i.
   */
  public static Buffer[] binaryFrames(SealedMessage[] orders) {
    Buffer[] frames = new Buffer[orders.length];
    for (int i = 0; i < orders.length; i++) {
      frames[i] = Buffer.buffer(new SubmitFrame(SubmitFrame.ORDER, i, orders[i]).encode());
    }
    return frames;
  }

  /**
   * Sends the frames over {@code connections} WebSockets at /v1/ws, one frame in flight each (the
   * same concurrency as {@link #run}), for warm-up then measured seconds; an order's latency is
   * from its frame's send to its ack (durable). {@code binary}: the frames are binary ({@link
   * #binaryFrames}) and so are the answers; else JSON text ({@link #frames}).
   */
  public Result runSockets(
      Buffer[] frames, boolean binary, int connections, double warmupSeconds, double measureSeconds)
      throws InterruptedException {
    try (Window w = new Window(connections, warmupSeconds, measureSeconds)) {
      WebSocketClient client = w.vertx.createWebSocketClient(new WebSocketClientOptions());
      for (int c = 0; c < connections; c++) {
        client
            .connect(node.getPort(), node.getHost(), "/v1/ws")
            .onFailure(e -> w.lanes.countDown())
            .onSuccess(
                ws -> {
                  long[] sent = {0};
                  Runnable sendNext =
                      () -> {
                        int i = w.next.getAndIncrement();
                        sent[0] = System.nanoTime();
                        if (i >= frames.length || sent[0] >= w.end) {
                          ws.close();
                          w.lanes.countDown();
                          return;
                        }
                        if (binary) {
                          ws.writeBinaryMessage(frames[i]);
                        } else {
                          ws.writeTextMessage(frames[i].toString());
                        }
                      };
                  Consumer<Boolean> answered =
                      ack -> {
                        long now = System.nanoTime();
                        if (sent[0] >= w.measureFrom && now <= w.end) {
                          if (ack) {
                            w.acked.incrementAndGet();
                            w.latency.recordValue(now - sent[0]);
                          } else {
                            w.refused.incrementAndGet();
                          }
                        }
                        sendNext.run();
                      };
                  if (binary) {
                    ws.binaryMessageHandler(b -> answered.accept(b.getByte(1) == SubmitAnswer.ACK));
                  } else {
                    ws.textMessageHandler(text -> answered.accept(text.contains("\"op\":\"ack\"")));
                  }
                  sendNext.run();
                });
      }
      return w.result();
    }
  }

  private static String json(SealedMessage m) {
    HexFormat hex = HexFormat.of();
    return JsonNodeFactory.instance
        .objectNode()
        .put("enc", hex.formatHex(m.enc()))
        .put("seq", m.seq())
        .put("ciphertext", hex.formatHex(m.ciphertext()))
        .toString();
  }

  /**
   * Sends the bodies in order over {@code connections} connections for warm-up then measured
   * seconds; only requests sent in the measured window are recorded. {@code plain}: each connection
   * is a {@link PlainHttpLane} (the request written by hand, as a trading program's order path
   * would); else Vert.x's pooled HTTP client sends them.
   */
  public Result run(
      List<Buffer> bodies,
      int connections,
      double warmupSeconds,
      double measureSeconds,
      boolean plain)
      throws InterruptedException {
    return plain
        ? runPlain(bodies, connections, warmupSeconds, measureSeconds)
        : runPooled(bodies, connections, warmupSeconds, measureSeconds);
  }

  private Result runPlain(
      List<Buffer> bodies, int connections, double warmupSeconds, double measureSeconds)
      throws InterruptedException {
    try (Window w = new Window(connections, warmupSeconds, measureSeconds)) {
      NetClient net = w.vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
      Counts counts = new Counts(w.latency, w.acked, w.refused, batch);
      String path = batch == 1 ? "/v1/orders" : "/v1/orders/batch";
      String host = node.getHost() + ":" + node.getPort();
      for (int c = 0; c < connections; c++) {
        net.connect(node.getPort(), node.getHost())
            .onFailure(e -> w.lanes.countDown())
            .onSuccess(
                socket -> {
                  long[] sent = {0};
                  PlainHttpLane[] lane = {null};
                  Runnable sendNext =
                      () -> {
                        int i = w.next.getAndIncrement();
                        sent[0] = System.nanoTime();
                        if (i >= bodies.size() || sent[0] >= w.end) {
                          lane[0].close();
                          w.lanes.countDown();
                          return;
                        }
                        lane[0].send(bodies.get(i));
                      };
                  lane[0] =
                      new PlainHttpLane(
                          socket,
                          path,
                          host,
                          (status, body) -> {
                            long now = System.nanoTime();
                            if (sent[0] >= w.measureFrom && now <= w.end) {
                              counts.record(now - sent[0], status, body);
                            }
                            sendNext.run();
                          });
                  socket.closeHandler(
                      v -> {
                        if (System.nanoTime() < w.end && w.next.get() < bodies.size()) {
                          w.lanes.countDown(); // the node closed it: this lane ends early
                        }
                      });
                  sendNext.run();
                });
      }
      return w.result();
    }
  }

  /**
   * What every load shape shares: the generator's one event loop, the counters its lanes record
   * into, the measured window (after the warm-up) and the CPU time from its start; closing it
   * closes the loop.
   */
  private static final class Window implements AutoCloseable {
    final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    final Recorder latency = new Recorder(3);
    final AtomicInteger next = new AtomicInteger();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final long measureFrom;
    final long end;
    final CountDownLatch lanes;
    private final long timeoutSeconds;
    private final CpuWindow cpu;

    Window(int connections, double warmupSeconds, double measureSeconds) {
      measureFrom = System.nanoTime() + (long) (warmupSeconds * 1e9);
      end = measureFrom + (long) (measureSeconds * 1e9);
      lanes = new CountDownLatch(connections);
      timeoutSeconds = 10 + (long) (warmupSeconds + measureSeconds) * 2;
      cpu = new CpuWindow(vertx, warmupSeconds);
    }

    /** Waits for every lane to end (or the timeout), then reads what the window measured. */
    Result result() throws InterruptedException {
      lanes.await(timeoutSeconds, TimeUnit.SECONDS);
      double seconds = (Math.min(System.nanoTime(), end) - measureFrom) / 1e9;
      return new Result(
          acked.get(), refused.get(), latency, seconds, cpu.seconds(), cpu.generatorSeconds());
    }

    @Override
    public void close() {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  /**
   * The process's CPU time from the end of the warm-up, and the generator's own share: its one
   * event loop thread's CPU time (a timer on that loop reads both).
   */
  private static final class CpuWindow {
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private final java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    private volatile long atMeasure = -1;
    private volatile long loopAtMeasure = -1;
    private volatile long loopThread = -1;

    CpuWindow(Vertx vertx, double warmupSeconds) {
      vertx.setTimer(
          Math.max(1, (long) (warmupSeconds * 1000)),
          t -> {
            loopThread = Thread.currentThread().threadId();
            loopAtMeasure = threads.getCurrentThreadCpuTime();
            atMeasure = os.getProcessCpuTime();
          });
    }

    double seconds() {
      return (os.getProcessCpuTime() - atMeasure) / 1e9;
    }

    /** The generator's event loop's CPU seconds since the warm-up's end (NaN if unknown). */
    double generatorSeconds() {
      long now = loopThread < 0 ? -1 : threads.getThreadCpuTime(loopThread);
      return now < 0 ? Double.NaN : (now - loopAtMeasure) / 1e9;
    }
  }

  private Result runPooled(
      List<Buffer> bodies, int connections, double warmupSeconds, double measureSeconds)
      throws InterruptedException {
    try (Window w = new Window(connections, warmupSeconds, measureSeconds)) {
      HttpClient http =
          w.vertx.createHttpClient(
              new HttpClientOptions()
                  .setKeepAlive(true)
                  .setDefaultHost(node.getHost())
                  .setDefaultPort(node.getPort()),
              new PoolOptions().setHttp1MaxSize(connections));
      Counts counts = new Counts(w.latency, w.acked, w.refused, batch);
      RequestOptions post =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setURI(batch == 1 ? "/v1/orders" : "/v1/orders/batch")
              .addHeader("content-type", "application/json");
      for (int c = 0; c < connections; c++) {
        w.vertx.runOnContext(
            v -> send(http, post, bodies, w.next, w.end, w.measureFrom, counts, w.lanes));
      }
      return w.result();
    }
  }

  /** What the lanes record: latency per acknowledged order, acknowledged and refused orders. */
  private record Counts(Recorder latency, AtomicLong acked, AtomicLong refused, int batch) {
    void record(long nanos, int status, Buffer body) {
      int ok;
      if (batch == 1) {
        ok = status == 202 ? 1 : 0;
      } else {
        ok = status == 200 ? occurrences(body, "\"sequence\"") : 0;
      }
      if (ok > 0) {
        acked.addAndGet(ok);
        latency.recordValueWithCount(nanos, ok);
      }
      refused.addAndGet(batch - ok);
    }

    private static int occurrences(Buffer body, String what) {
      String text = body.toString();
      int n = 0;
      for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
        n++;
      }
      return n;
    }
  }

  private static void send(
      HttpClient http,
      RequestOptions post,
      List<Buffer> bodies,
      AtomicInteger next,
      long end,
      long measureFrom,
      Counts counts,
      CountDownLatch lanes) {
    int i = next.getAndIncrement();
    long sent = System.nanoTime();
    if (i >= bodies.size() || sent >= end) {
      lanes.countDown();
      return;
    }
    http.request(post)
        .compose(req -> req.send(bodies.get(i)))
        .compose(resp -> resp.body().map(b -> new Object[] {resp.statusCode(), b}))
        .onComplete(
            ar -> {
              long now = System.nanoTime();
              if (sent >= measureFrom && now <= end) {
                counts.record(
                    now - sent,
                    ar.succeeded() ? (int) ar.result()[0] : 0,
                    ar.succeeded() ? (Buffer) ar.result()[1] : Buffer.buffer());
              }
              send(http, post, bodies, next, end, measureFrom, counts, lanes);
            });
  }
}
