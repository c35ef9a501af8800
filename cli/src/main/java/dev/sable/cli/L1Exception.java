package dev.sable.cli;

/**
 * A trader's L1 action failed: L1 unreachable, another chain than the node's, the bridge or the
 * token refused the transaction; the message says which and what to do.
 */
public final class L1Exception extends RuntimeException {
  public L1Exception(String message, Throwable cause) {
    super(message, cause);
  }

  /** L1 did not answer at {@code rpc} while doing {@code what}. */
  static L1Exception unreachable(Object rpc, String what, Exception e) {
    String seen = e.getMessage() == null ? "no connection" : e.getMessage();
    return new L1Exception("cannot reach L1 at " + rpc + " " + what + ": " + seen, e);
  }
}
