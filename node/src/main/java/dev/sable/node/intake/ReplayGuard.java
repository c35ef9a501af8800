package dev.sable.node.intake;

import java.util.HashMap;
import java.util.Map;

/**
 * Refuses replayed signed requests, with the fill-slot rule of docs/state.md: an account's order
 * with client id c takes slot c mod 1024, and is accepted only if the slot is empty or holds a
 * smaller id. So a signed order, once accepted, can never be accepted again, nor can any older
 * order of that slot; a trader picks increasing client ids. An amend of order c is accepted only
 * while c is its slot's order and its nonce is above the last accepted amend's.
 *
 * <p>Owned by the journal's thread (single writer); rebuilt from the journal on restart.
 */
final class ReplayGuard {
  static final int SLOTS = 1024;

  /** Per account: [slot] = client id + 1 (0 = empty), [SLOTS + slot] = last amend nonce. */
  private final Map<Long, long[]> slots = new HashMap<>();

  /** Whether an order may be accepted; if so, records it. */
  boolean admitOrder(long account, long clientOrderId) {
    long[] s = slots.computeIfAbsent(account, a -> new long[2 * SLOTS]);
    int slot = slot(clientOrderId);
    if (s[slot] != 0 && s[slot] - 1 >= clientOrderId) {
      return false;
    }
    s[slot] = clientOrderId + 1;
    s[SLOTS + slot] = 0;
    return true;
  }

  /** Whether an amend may be accepted; if so, records its nonce. */
  boolean admitAmend(long account, long clientOrderId, long nonce) {
    long[] s = slots.get(account);
    int slot = slot(clientOrderId);
    if (s == null || s[slot] - 1 != clientOrderId || nonce <= s[SLOTS + slot]) {
      return false;
    }
    s[SLOTS + slot] = nonce;
    return true;
  }

  private static int slot(long clientOrderId) {
    return (int) (clientOrderId & (SLOTS - 1));
  }
}
