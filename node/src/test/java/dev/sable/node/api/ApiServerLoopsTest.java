package dev.sable.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API's servers share one port and spread its connections over their event loops: with one
 * server every connection is served by one thread (the single-core ceiling the intake benchmark
 * hit), with two each gets its own.
 */
class ApiServerLoopsTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static ApiConfig config(int port, int eventLoops) {
    ApiConfig d = ApiConfig.defaults();
    return new ApiConfig(
        d.host(),
        port,
        d.bodyLimit(),
        d.requestTimeoutMs(),
        d.idleTimeoutSeconds(),
        d.requestsPerSecond(),
        d.burst(),
        eventLoops);
  }

  /** Starts the servers; each answers with the name of the thread that served the request. */
  private ApiServer.Servers start(int port, int eventLoops) {
    return ApiServer.listen(
        vertx,
        config(port, eventLoops),
        new HttpServerOptions().setHost("127.0.0.1"),
        ws -> ws.close(),
        req -> req.response().end(Thread.currentThread().getName()));
  }

  /** Opens {@code connections} connections at once, one request each; the threads that answered. */
  private static Set<String> threads(int port, int connections) throws IOException {
    List<Socket> open = new ArrayList<>();
    Set<String> names = new HashSet<>();
    try {
      for (int i = 0; i < connections; i++) {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(5000);
        open.add(s);
      }
      for (Socket s : open) {
        OutputStream out = s.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      for (Socket s : open) {
        names.add(body(s.getInputStream()));
      }
    } finally {
      for (Socket s : open) {
        s.close();
      }
    }
    return names;
  }

  private static String body(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed");
      }
      head.append((char) b);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }

  @Test
  void oneServerServesEveryConnectionOnOneThread() throws IOException {
    ApiServer.Servers started = start(0, 1);
    assertThat(started.servers()).hasSize(1);
    assertThat(threads(started.port(), 8)).hasSize(1);
  }

  @Test
  void serversShareThePortAndSpreadConnectionsOverTheirEventLoops() throws IOException {
    ApiServer.Servers started = start(0, 2);
    int port = started.port();
    assertThat(started.servers()).hasSize(2);
    assertThat(started.servers()).extracting(HttpServer::actualPort).containsOnly(port);
    Set<String> names = threads(port, 8);
    assertThat(names).hasSize(2).allMatch(n -> n.startsWith("vert.x-eventloop-thread-"));
    started.close();
    assertThatThrownBy(() -> threads(port, 1)).isInstanceOf(IOException.class);
  }

  @Test
  void zeroMeansOneServerPerCore() {
    assertThat(config(0, 0).servers()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config(0, 3).servers()).isEqualTo(3);
  }

  @Test
  void aTakenPortIsRefusedWithItsNumber() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThatThrownBy(() -> start(taken.getLocalPort(), 2))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }
}
