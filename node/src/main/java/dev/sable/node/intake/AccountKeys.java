package dev.sable.node.intake;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.node.journal.SnapshotSection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Account index to EdDSA key and back. The journal's thread registers keys (in journal order, so a
 * replay assigns the same indices); anyone reads. Index 0 is the insurance fund, which has no key.
 */
public final class AccountKeys {
  /** The sequencer's account id bound (2^22). */
  public static final long MAX_ACCOUNTS = 1L << 22;

  private final Map<Long, EdDsaPublicKey> byIndex = new ConcurrentHashMap<>();
  private final Map<EdDsaPublicKey, Long> byKey = new ConcurrentHashMap<>();
  private volatile long next = 1;

  /** The key of an account, or null. */
  public EdDsaPublicKey key(long index) {
    return byIndex.get(index);
  }

  /** The index of a key's account, or -1. */
  public long indexOf(EdDsaPublicKey key) {
    return byKey.getOrDefault(key, -1L);
  }

  public int size() {
    return byIndex.size();
  }

  /** The key's account, registering it under the next free index if it is new (journal thread). */
  long registerOrFind(EdDsaPublicKey key) {
    Long known = byKey.get(key);
    if (known != null) {
      return known;
    }
    if (next >= MAX_ACCOUNTS) {
      throw new IllegalStateException("every account index is taken");
    }
    record(next, key);
    return next - 1;
  }

  /** Writes every registration, by ascending index: index (4 bytes), compressed key (32). */
  void writeTo(SnapshotSection.Writer out) {
    out.putInt(byIndex.size());
    new TreeMap<>(byIndex)
        .forEach((index, key) -> out.putInt(index.intValue()).putBytes(key.encode()));
  }

  /** Reads the registrations {@link #writeTo} wrote (each key validated again). */
  void readFrom(SnapshotSection.Reader in) {
    int n = in.count(4 + 32);
    for (int i = 0; i < n; i++) {
      record(in.getInt(), EdDsaPublicKey.decode(in.getBytes(32)));
    }
  }

  /** Records a registration read back from the journal. */
  void record(long index, EdDsaPublicKey key) {
    byIndex.put(index, key);
    byKey.put(key, index);
    next = Math.max(next, index + 1);
  }
}
