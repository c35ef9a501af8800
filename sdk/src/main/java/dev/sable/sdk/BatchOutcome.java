package dev.sable.sdk;

/**
 * What became of one request of a batch: its journal sequence number once durable ({@code code}
 * null), or the node's refusal (sequence 0, the stable error code and its message).
 */
public record BatchOutcome(long sequence, String code, String message) {
  public boolean accepted() {
    return code == null;
  }
}
