package dev.sable.node.intake;

import dev.sable.crypto.MessageRanges;
import dev.sable.node.journal.SnapshotSection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Refuses replayed signed requests. Orders and amends follow the fill-slot rule of docs/state.md
 * (section 4) that the settlement circuit enforces: an account's order with client id c takes slot
 * c mod 1024 and is accepted only if the slot is empty or holds a smaller id, so a signed order,
 * once accepted, can never be accepted again, nor can any older order of that slot; a trader picks
 * increasing client ids. An amend is a new order of a slot that already holds an earlier one.
 * Withdrawals need a nonce above the account's last accepted withdrawal's (the sequencer then
 * requires it to equal the account's nonce). Cancels need no guard: a replayed cancel finds its
 * order gone.
 *
 * <p>Owned by the journal's thread (single writer); rebuilt from the journal (or a snapshot) on
 * restart. Only slots ever used take memory.
 */
final class ReplayGuard {
  /** Outcome of a check. */
  enum Verdict {
    ADMITTED,
    REPLAYED,
    NOTHING_TO_AMEND
  }

  /** account * 1024 + slot -> the slot's latest client order id. */
  private final Map<Long, Long> slots = new HashMap<>();

  /** account -> nonce of its last accepted withdrawal. */
  private final Map<Long, Long> withdrawals = new HashMap<>();

  /** Whether an order may be accepted; if so, records it. */
  Verdict order(long account, long clientOrderId) {
    long key = key(account, clientOrderId);
    Long last = slots.get(key);
    if (last != null && last >= clientOrderId) {
      return Verdict.REPLAYED;
    }
    slots.put(key, clientOrderId);
    return Verdict.ADMITTED;
  }

  /** Whether an amend (a new order of an occupied slot) may be accepted; if so, records it. */
  Verdict amend(long account, long clientOrderId) {
    if (!slots.containsKey(key(account, clientOrderId))) {
      return Verdict.NOTHING_TO_AMEND;
    }
    return order(account, clientOrderId);
  }

  /** Whether a withdrawal with this nonce may be accepted; if so, records it. */
  Verdict withdrawal(long account, long nonce) {
    Long last = withdrawals.get(account);
    if (last != null && last >= nonce) {
      return Verdict.REPLAYED;
    }
    withdrawals.put(account, nonce);
    return Verdict.ADMITTED;
  }

  /** Writes the guard's state, in key order (a snapshot of the same state is the same bytes). */
  void writeTo(SnapshotSection.Writer out) {
    writeMap(out, slots);
    writeMap(out, withdrawals);
  }

  /** Reads a state {@link #writeTo} wrote, into an empty guard. */
  void readFrom(SnapshotSection.Reader in) {
    readMap(in, slots);
    readMap(in, withdrawals);
  }

  private static void writeMap(SnapshotSection.Writer out, Map<Long, Long> map) {
    out.putInt(map.size());
    new TreeMap<>(map).forEach((k, v) -> out.putLong(k).putLong(v));
  }

  private static void readMap(SnapshotSection.Reader in, Map<Long, Long> map) {
    int n = in.count(16);
    for (int i = 0; i < n; i++) {
      map.put(in.getLong(), in.getLong());
    }
  }

  private static long key(long account, long clientOrderId) {
    return account * MessageRanges.FILL_SLOTS + (clientOrderId & (MessageRanges.FILL_SLOTS - 1));
  }
}
