package dev.sable.node.api;

/**
 * At most {@code perSecond} tokens a second on average, bursts of {@code burst}. Not thread-safe:
 * each bucket belongs to one connection and is touched only on that connection's event loop.
 */
final class TokenBucket {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long last = System.nanoTime();

  TokenBucket(int perSecond, int burst) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
  }

  /** Takes {@code n} tokens if the bucket holds that many. */
  boolean take(int n) {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    if (tokens < n) {
      return false;
    }
    tokens -= n;
    return true;
  }
}
