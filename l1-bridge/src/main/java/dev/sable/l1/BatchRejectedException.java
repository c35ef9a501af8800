package dev.sable.l1;

/** The bridge reverted a submitBatch transaction; reason names the contract's custom error. */
public final class BatchRejectedException extends BridgeRevertedException {
  private static final long serialVersionUID = 1L;

  public BatchRejectedException(String reason, String transactionHash) {
    super("bridge rejected the batch", reason, transactionHash);
  }
}
