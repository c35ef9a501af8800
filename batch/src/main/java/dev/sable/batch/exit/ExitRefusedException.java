package dev.sable.batch.exit;

/** An exit that cannot be built from L1 data: why, in words a trader can act on. */
public final class ExitRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExitRefusedException(String message) {
    super(message);
  }
}
