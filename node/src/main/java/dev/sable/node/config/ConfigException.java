package dev.sable.node.config;

/** A bad setting: the message is one line naming the setting, the problem and the fix. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
