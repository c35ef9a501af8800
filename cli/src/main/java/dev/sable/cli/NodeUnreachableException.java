package dev.sable.cli;

/** The node's API did not answer: the message names the URL and what the client saw. */
public final class NodeUnreachableException extends RuntimeException {
  public NodeUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
