package dev.sable.sequencer.engine;

import dev.sable.sequencer.codec.EventCodec;
import dev.sable.sequencer.event.Event;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The state hash: after command n, {@code h(n) = SHA-256(r(1) || ... || r(n))}, where {@code r(i) =
 * event count || each event's canonical encoding || changed-account count || each changed account
 * || pools and time} of command i, counts as 32-bit and every other number as fixed-width
 * big-endian integers (docs/sequencer.md, "State hash"). Events are hashed in their {@link
 * EventCodec} encoding, never their text. The hash commits to the whole history; it stands in until
 * the Merkle root of the state tree.
 *
 * <p>It is one running SHA-256 over the records, fed in large blocks: a command costs the encoding
 * of its record and its share of the compression, and {@link #hash()} finishes a copy of the
 * running digest. It reads only the {@link CommandEffects} it is given, so it may run on any thread
 * (one at a time).
 */
public final class StateHasher implements StateHashFeed {
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
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);

  public StateHasher() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public byte[] hash() {
    flush();
    try {
      return ((MessageDigest) sha256.clone()).digest();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
    }
  }

  @Override
  public void accept(CommandEffects effects) {
    if (buffer.remaining() < 4) {
      flush();
    }
    buffer.putInt(effects.events().size());
    for (Event e : effects.events()) {
      if (buffer.remaining() < EVENTS.encodedSize(e)) {
        flush();
      }
      EVENTS.encode(e, buffer);
    }
    if (buffer.remaining() < 4) {
      flush();
    }
    buffer.putInt(effects.accountCount());
    long[] words = effects.accounts();
    for (int i = 0, k = 0; k < effects.accountCount(); k++) {
      i = encodeAccount(words, i);
    }
    if (buffer.remaining() < POOLS_BYTES) {
      flush();
    }
    buffer.putLong(effects.feePool()).putLong(effects.fundingPool()).putLong(effects.now());
  }

  /** Writes the account at {@code words[i]}; returns the index after it. */
  private int encodeAccount(long[] words, int i) {
    if (buffer.remaining() < MAX_ACCOUNT_BYTES) {
      flush();
    }
    long mask = words[i + 2];
    buffer.putInt((int) words[i]).putLong(words[i + 1]).putLong(mask);
    int end = i + CommandEffects.accountWords(mask);
    for (int w = i + 3; w < end; w++) {
      buffer.putLong(words[w]);
    }
    return end;
  }

  private void flush() {
    buffer.flip();
    sha256.update(buffer);
    buffer.clear();
  }
}
