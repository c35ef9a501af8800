package dev.sable.bench;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection with one request in flight, written as a trading program's
 * order path would be: the request line and headers written by hand in front of the body, the
 * answer read as its status and its {@code content-length} bytes of body. It is the same HTTP/1.1
 * exchange the node sees from any client (the node's side is unchanged); it skips what a general
 * client does per request (a connection pool's lease, a request object, futures composed per step,
 * header maps) and so measures the node's per-request cost without a generic client's on top.
 * Answers without {@code content-length} (chunked) are not read: the node sends none on this path.
 */
final class PlainHttpLane {
  /** What the lane does with an answer: its status and body. */
  @FunctionalInterface
  interface Answer {
    void accept(int status, Buffer body);
  }

  private static final String HEADERS_END = "\r\n\r\n";

  private final NetSocket socket;
  private final byte[] head;
  private final RecordParser parser;
  private int status;

  /**
   * @param path the request's path, e.g. {@code /v1/orders}
   * @param host the {@code host} header's value
   */
  PlainHttpLane(NetSocket socket, String path, String host, Answer answer) {
    this.socket = socket;
    this.head =
        ("POST " + path + " HTTP/1.1\r\nhost: " + host + "\r\ncontent-type: application/json\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    this.parser = RecordParser.newDelimited(HEADERS_END);
    Handler<Buffer> records =
        new Handler<>() {
          private boolean inBody;

          @Override
          public void handle(Buffer record) {
            if (inBody) {
              inBody = false;
              parser.delimitedMode(HEADERS_END);
              answer.accept(status, record);
              return;
            }
            String headers = record.toString(StandardCharsets.US_ASCII);
            status = Integer.parseInt(headers.substring(9, 12));
            int length = contentLength(headers);
            if (length == 0) {
              answer.accept(status, Buffer.buffer());
            } else {
              inBody = true;
              parser.fixedSizeMode(length);
            }
          }
        };
    parser.handler(records);
    socket.handler(parser);
  }

  /** Sends one request with this body; its answer goes to the lane's {@link Answer}. */
  void send(Buffer body) {
    Buffer request = Buffer.buffer(head.length + 32 + body.length());
    request
        .appendBytes(head)
        .appendString("content-length: " + body.length() + HEADERS_END)
        .appendBuffer(body);
    socket.write(request);
  }

  void close() {
    socket.close();
  }

  private static int contentLength(String headers) {
    int at = headers.toLowerCase(Locale.ROOT).indexOf("\r\ncontent-length:");
    if (at < 0) {
      throw new IllegalStateException("an answer without content-length: " + headers);
    }
    int from = at + "\r\ncontent-length:".length();
    int to = headers.indexOf("\r\n", from);
    return Integer.parseInt(headers.substring(from, to < 0 ? headers.length() : to).strip());
  }
}
