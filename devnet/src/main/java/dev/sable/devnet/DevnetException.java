package dev.sable.devnet;

/** The local L1 tooling failed: anvil did not start or died, or solc could not compile. */
public class DevnetException extends RuntimeException {
  public DevnetException(String message) {
    super(message);
  }

  public DevnetException(String message, Throwable cause) {
    super(message, cause);
  }
}
