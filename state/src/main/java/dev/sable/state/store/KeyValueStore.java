package dev.sable.state.store;

/**
 * The small key-value interface the sequencer stores state through: point reads and atomic batches
 * of writes. Keys and values are byte arrays; implementations must not retain the caller's arrays.
 */
public interface KeyValueStore extends AutoCloseable {
  /** The value under key, or null. */
  byte[] get(byte[] key);

  /** Applies every put and delete of the batch atomically, in order. */
  void write(StoreBatch batch);

  @Override
  void close();
}
