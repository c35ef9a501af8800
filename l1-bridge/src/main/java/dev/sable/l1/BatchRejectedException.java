package dev.sable.l1;

/** The bridge reverted a submitBatch transaction; reason names the contract's custom error. */
public final class BatchRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;
  private final String transactionHash;

  public BatchRejectedException(String reason, String transactionHash) {
    super("bridge rejected the batch: " + reason + " (tx " + transactionHash + ")");
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
