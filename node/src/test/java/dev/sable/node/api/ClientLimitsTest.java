package dev.sable.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.node.Node;
import dev.sable.node.TestNodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and abusive clients do not starve others: a connection over its request rate is refused at
 * once while another is served, a client that trickles its body is cut off at the request timeout
 * while others are served, and an idle connection is closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientLimitsTest {
  @TempDir static Path dir;
  private Node node;
  private int port;

  @BeforeAll
  void start() {
    node =
        TestNodes.start(
            dir,
            "http: {port: 0, requestsPerSecond: 20, burst: 20, requestTimeoutMs: 1000,"
                + " idleTimeoutSeconds: 2}\n");
    port = node.httpPort();
  }

  @AfterAll
  void stop() {
    node.close();
  }

  /** Sends raw HTTP/1.1 requests on one connection and returns their status codes. */
  private int[] burst(int requests) throws IOException {
    int[] statuses = new int[requests];
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      String get = "GET /v1/markets HTTP/1.1\r\nHost: x\r\n\r\n";
      out.write(get.repeat(requests).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      for (int i = 0; i < requests; i++) {
        statuses[i] = readResponse(in);
      }
    }
    return statuses;
  }

  /** Reads one response (headers and a content-length body) and returns its status. */
  private static int readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed");
      }
      head.append((char) b);
    }
    String h = head.toString();
    int status = Integer.parseInt(h.substring(9, 12));
    for (String line : h.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(15).trim()));
      }
    }
    return status;
  }

  private int otherClient() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/markets"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  void aConnectionOverItsRateIsRefusedWhileAnotherIsServed() throws Exception {
    long start = System.nanoTime();
    int[] statuses = burst(60);
    // the bucket refills 20 a second while the 60 are served (slowly on a loaded machine)
    long refilled = ((System.nanoTime() - start) * 20 + 999_999_999) / 1_000_000_000;
    long ok = java.util.Arrays.stream(statuses).filter(c -> c == 200).count();
    long limited = java.util.Arrays.stream(statuses).filter(c -> c == 429).count();
    assertThat(ok).isBetween(15L, 20 + refilled); // the burst, plus at most what refilled meanwhile
    assertThat(limited).isEqualTo(60 - ok);
    assertThat(otherClient()).isEqualTo(200);
  }

  @Test
  void eachRequestOfABatchCountsAgainstTheConnectionsRate() throws Exception {
    String item =
        "{\"enc\":\""
            + "ab".repeat(32)
            + "\",\"seq\":0,\"ciphertext\":\""
            + "cd".repeat(40)
            + "\"}";
    String body =
        "{\"requests\":[" + String.join(",", java.util.Collections.nCopies(20, item)) + "]}";
    String post =
        "POST /v1/orders/batch HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
            + "content-length: "
            + body.length()
            + "\r\n\r\n"
            + body;
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(post.repeat(2).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      // the first batch takes the whole burst of 20 (its requests each refused: not sealed to the
      // node), the second finds the bucket empty
      assertThat(readResponse(in)).isEqualTo(200);
      assertThat(readResponse(in)).isEqualTo(429);
    }
  }

  @Test
  void aClientTricklingItsBodyIsCutOffWhileOthersAreServed() throws Exception {
    try (Socket slow = new Socket("127.0.0.1", port)) {
      slow.setSoTimeout(5000);
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST /v1/orders HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
                  + "content-length: 1000\r\n\r\n{\"enc\":")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      assertThat(otherClient()).isEqualTo(200); // served while the slow one holds its request
      int status = readResponse(slow.getInputStream());
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertThat(status).isEqualTo(503); // TIMEOUT
      assertThat(waited).isBetween(500L, 4000L);
    }
  }

  @Test
  void anIdleConnectionIsClosed() throws Exception {
    try (Socket idle = new Socket("127.0.0.1", port)) {
      idle.setSoTimeout(6000);
      long start = System.nanoTime();
      int read;
      try {
        read = idle.getInputStream().read();
      } catch (SocketTimeoutException e) {
        read = -2;
      }
      assertThat(read).as("closed by the node").isEqualTo(-1);
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1500L, 5000L);
    }
  }
}
