package dev.sable.l1;

/**
 * A transaction to the bridge (or its token) was mined and reverted; {@link #reason()} names the
 * contract's custom error with its arguments.
 */
public class BridgeRevertedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;
  private final String transactionHash;

  public BridgeRevertedException(String action, String reason, String transactionHash) {
    super(action + ": " + reason + " (tx " + transactionHash + ")");
    this.reason = reason;
    this.transactionHash = transactionHash;
  }

  /** The custom error's name and arguments, e.g. {@code WrongOldRoot(0x.., 0x..)}. */
  public String reason() {
    return reason;
  }

  public String transactionHash() {
    return transactionHash;
  }
}
