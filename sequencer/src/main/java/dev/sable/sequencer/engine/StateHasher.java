package dev.sable.sequencer.engine;

import dev.sable.sequencer.codec.EventCodec;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.event.Event;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The chained state hash: after command n, {@code h(n) = SHA-256(h(n-1) || event count || each
 * event's canonical encoding || changed-account count || each changed account || pools and time)},
 * counts as 32-bit and every other number as fixed-width big-endian integers (docs/sequencer.md,
 * "State hash"). Events are hashed in their {@link EventCodec} encoding, never their text. The hash
 * commits to the whole history; it stands in until the Merkle root of the state tree.
 */
final class StateHasher {
  /** id, collateral, mask, and five longs for each of at most 64 markets. */
  static final int MAX_ACCOUNT_BYTES = 4 + 8 + 8 + 64 * 5 * 8;

  /** feePool, fundingPool and now, written after the last account. */
  private static final int POOLS_BYTES = 3 * 8;

  /**
   * Larger than any encodable event (a symbol has at most 65,535 bytes), so one always fits after a
   * flush.
   */
  static final int BUFFER_BYTES = 128 * 1024;

  private static final EventCodec EVENTS = EventCodec.INSTANCE;

  private final MessageDigest sha256;
  private final List<Event> pending = new ArrayList<>();
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
  private byte[] hash;

  /** A hasher continuing from {@code hash} (32 zero bytes: h(0), before the first command). */
  StateHasher(byte[] hash) {
    if (hash.length != 32) {
      throw new IllegalArgumentException("a state hash has 32 bytes");
    }
    this.hash = hash;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  void record(Event e) {
    pending.add(e);
  }

  byte[] hash() {
    return hash.clone();
  }

  void finishCommand(ExchangeState state) {
    sha256.update(hash);
    buffer.putInt(pending.size());
    for (Event e : pending) {
      if (buffer.remaining() < EVENTS.encodedSize(e)) {
        flush();
      }
      EVENTS.encode(e, buffer);
    }
    pending.clear();
    if (buffer.remaining() < 4) {
      flush();
    }
    buffer.putInt(state.changedAccountCount());
    for (int i = 0; i < state.changedAccountCount(); i++) {
      encode(state.account(state.changedAccount(i)));
    }
    if (buffer.remaining() < POOLS_BYTES) {
      flush();
    }
    buffer.putLong(state.feePool()).putLong(state.fundingPool()).putLong(state.now());
    flush();
    hash = sha256.digest();
  }

  private void encode(Account a) {
    if (buffer.remaining() < MAX_ACCOUNT_BYTES) {
      flush();
    }
    buffer.putInt(a.id()).putLong(a.collateral()).putLong(a.activeMarkets());
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      int m = Long.numberOfTrailingZeros(bits);
      buffer.putLong(a.size(m)).putLong(a.cost(m)).putLong(a.fundingIndex(m));
      buffer.putLong(a.openBuy(m)).putLong(a.openSell(m));
    }
  }

  private void flush() {
    buffer.flip();
    sha256.update(buffer);
    buffer.clear();
  }
}
