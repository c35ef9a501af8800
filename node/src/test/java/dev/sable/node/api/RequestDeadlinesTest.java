package dev.sable.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep keeps the request-timeout rule: a request never answered gets TIMEOUT, a client
 * trickling its body is cut off, and an answered request is forgotten without a late failure.
 */
class RequestDeadlinesTest {
  private static final int TIMEOUT_MS = 300;
  private final RequestDeadlines deadlines = new RequestDeadlines(TIMEOUT_MS);
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicReference<Context> serverContext = new AtomicReference<>();
  private Vertx vertx;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(deadlines);
    router.route().handler(BodyHandler.create());
    router.get("/never").handler(rc -> {}); // work that never settles
    router
        .post("/fast")
        .handler(
            rc -> {
              serverContext.set(Vertx.currentContext());
              rc.response().end("ok");
            });
    router
        .route()
        .failureHandler(
            rc -> {
              failures.incrementAndGet();
              ErrorResponses.handle(rc);
            });
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRequestNeverAnsweredGetsTimeout() throws Exception {
    try (Socket s = socket()) {
      long start = System.nanoTime();
      s.getOutputStream().write(ascii("GET /never HTTP/1.1\r\nHost: x\r\n\r\n"));
      String response = read(s.getInputStream());
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertThat(response).startsWith("HTTP/1.1 503").contains("\"code\":\"TIMEOUT\"");
      assertThat(waited).isBetween((long) TIMEOUT_MS, TIMEOUT_MS + deadlines.sweepMs() + 1500);
    }
  }

  @Test
  void aClientTricklingItsBodyIsCutOff() throws Exception {
    try (Socket s = socket()) {
      OutputStream out = s.getOutputStream();
      out.write(ascii("POST /fast HTTP/1.1\r\nHost: x\r\ncontent-length: 100\r\n\r\n{\"a\":"));
      out.flush();
      long start = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        Thread.sleep(TIMEOUT_MS / 4);
        out.write('1'); // still sending, never done
        out.flush();
      }
      String response = read(s.getInputStream());
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertThat(response).startsWith("HTTP/1.1 503").contains("\"code\":\"TIMEOUT\"");
      assertThat(waited).isLessThan(TIMEOUT_MS + deadlines.sweepMs() + 1500);
    }
  }

  @Test
  void answeredRequestsAreForgottenWithoutALateFailure() throws Exception {
    try (Socket s = socket()) {
      String post = "POST /fast HTTP/1.1\r\nHost: x\r\ncontent-length: 2\r\n\r\n{}";
      s.getOutputStream().write(ascii(post.repeat(50)));
      InputStream in = s.getInputStream();
      for (int i = 0; i < 50; i++) {
        assertThat(read(in)).startsWith("HTTP/1.1 200");
      }
      Thread.sleep(TIMEOUT_MS + 3 * deadlines.sweepMs());
      CompletableFuture<Integer> watched = new CompletableFuture<>();
      Context context = serverContext.get();
      context.runOnContext(v -> watched.complete(deadlines.watched(context)));
      assertThat(watched.get(5, TimeUnit.SECONDS)).isZero();
      assertThat(failures.get()).isZero();
    }
  }

  private Socket socket() throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(5000);
    return s;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** One HTTP/1.1 response with a content-length body: status line, headers and body. */
  private static String read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head);
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return headers + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }
}
