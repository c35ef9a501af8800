package dev.sable.node.api;

/**
 * The HTTP server's settings. Limits: a body above {@code bodyLimit} bytes is refused
 * (BODY_TOO_LARGE), a request not answered within {@code requestTimeoutMs} gets TIMEOUT (so a
 * client that trickles its body is cut off; {@link RequestDeadlines}, up to one sweep late), a
 * connection idle for {@code idleTimeoutSeconds} is closed, and each connection may make {@code
 * requestsPerSecond} requests a second on average (bursts of {@code burst}). {@code eventLoops}
 * HTTP servers share the port, each on its own event loop (0: one per core), so reading, opening
 * and verifying requests uses every core.
 */
public record ApiConfig(
    String host,
    int port,
    int bodyLimit,
    int requestTimeoutMs,
    int idleTimeoutSeconds,
    int requestsPerSecond,
    int burst,
    int eventLoops) {

  public static ApiConfig defaults() {
    return new ApiConfig("127.0.0.1", 8650, 16 * 1024, 10_000, 60, 5_000, 10_000, 0);
  }

  public ApiConfig withPort(int newPort) {
    return new ApiConfig(
        host,
        newPort,
        bodyLimit,
        requestTimeoutMs,
        idleTimeoutSeconds,
        requestsPerSecond,
        burst,
        eventLoops);
  }

  /** How many HTTP servers (event loops) to run: {@code eventLoops}, or one per core for 0. */
  public int servers() {
    return eventLoops == 0 ? Runtime.getRuntime().availableProcessors() : eventLoops;
  }
}
