package dev.sable.state.store;

import java.util.Arrays;
import java.util.TreeMap;

/** The in-memory twin of the RocksDB store, for tests and tools; sorted like RocksDB. */
public final class InMemoryKeyValueStore implements KeyValueStore {
  private final TreeMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);

  @Override
  public byte[] get(byte[] key) {
    byte[] v = map.get(key);
    return v == null ? null : v.clone();
  }

  @Override
  public void write(StoreBatch batch) {
    for (StoreBatch.Entry e : batch.entries()) {
      if (e.value() == null) {
        map.remove(e.key());
      } else {
        map.put(e.key(), e.value());
      }
    }
  }

  /** Number of keys held. */
  public int size() {
    return map.size();
  }

  @Override
  public void close() {}
}
