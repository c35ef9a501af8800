package dev.sable.node.journal;

/** The journal's storage failed: the node cannot acknowledge anything until it is fixed. */
public final class JournalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JournalException(String message) {
    super(message);
  }

  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
