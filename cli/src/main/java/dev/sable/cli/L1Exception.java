package dev.sable.cli;

/**
 * A trader's L1 action failed: L1 unreachable, another chain than the node's, the bridge or the
 * token refused the transaction; the message says which and what to do.
 */
public final class L1Exception extends RuntimeException {
  public L1Exception(String message, Throwable cause) {
    super(message, cause);
  }
}
