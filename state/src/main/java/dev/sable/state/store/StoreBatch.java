package dev.sable.state.store;

import java.util.ArrayList;
import java.util.List;

/** An ordered list of puts and deletes applied atomically by {@link KeyValueStore#write}. */
public final class StoreBatch {
  /** One write; a null value deletes the key. */
  public record Entry(byte[] key, byte[] value) {}

  private final List<Entry> entries = new ArrayList<>();

  public StoreBatch put(byte[] key, byte[] value) {
    entries.add(new Entry(key.clone(), value.clone()));
    return this;
  }

  public StoreBatch delete(byte[] key) {
    entries.add(new Entry(key.clone(), null));
    return this;
  }

  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  public int size() {
    return entries.size();
  }
}
