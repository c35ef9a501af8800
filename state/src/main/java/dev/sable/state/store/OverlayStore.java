package dev.sable.state.store;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * Writes kept in memory on top of a store that is only read: a draft of changes that can be written
 * later as one atomic batch ({@link #pending}) or dropped. Reads see the draft's own writes.
 */
public final class OverlayStore implements KeyValueStore {
  private final KeyValueStore base;
  // sorted like RocksDB; a null value is a delete
  private final TreeMap<byte[], byte[]> pending = new TreeMap<>(Arrays::compareUnsigned);

  public OverlayStore(KeyValueStore base) {
    this.base = base;
  }

  @Override
  public byte[] get(byte[] key) {
    if (pending.containsKey(key)) {
      byte[] v = pending.get(key);
      return v == null ? null : v.clone();
    }
    return base.get(key);
  }

  @Override
  public void write(StoreBatch batch) {
    for (StoreBatch.Entry e : batch.entries()) {
      pending.put(e.key(), e.value() == null ? null : e.value().clone());
    }
  }

  /** Every write made so far, in key order, as one batch for the underlying store. */
  public StoreBatch pending() {
    StoreBatch batch = new StoreBatch();
    pending.forEach(
        (k, v) -> {
          if (v == null) {
            batch.delete(k);
          } else {
            batch.put(k, v);
          }
        });
    return batch;
  }

  /** The underlying store is not this overlay's to close. */
  @Override
  public void close() {}
}
