package dev.sable.node.intake;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.Fr;
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

  /** The lowest index above every registered one: where a new key's account goes. */
  public long nextFree() {
    return next;
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

  /**
   * Binds the key an L1 deposit names (its affine coordinates, 32 bytes each) to the account it
   * names when the sequencer's key rule credits the deposit (journal thread, in journal order): the
   * key is a valid key (on the curve, not the identity, in the prime-order subgroup) and the
   * account is free or holds that key. A key may hold several accounts; {@link #indexOf} gives its
   * first. Whether the key holds the account afterwards.
   */
  public boolean bindDeposit(long index, byte[] keyX, byte[] keyY) {
    EdDsaPublicKey key;
    try {
      key = EdDsaPublicKey.fromAffine(Fr.fromBytes(keyX), Fr.fromBytes(keyY));
    } catch (IllegalArgumentException e) { // off the curve, small order, or not below r
      return false;
    }
    EdDsaPublicKey held = byIndex.get(index);
    if (held != null) {
      return held.equals(key);
    }
    if (index < 1 || index >= MAX_ACCOUNTS) {
      return false;
    }
    byIndex.put(index, key);
    byKey.putIfAbsent(key, index);
    next = Math.max(next, index + 1);
    return true;
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
