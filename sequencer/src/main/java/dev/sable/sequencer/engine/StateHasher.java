package dev.sable.sequencer.engine;

import dev.sable.sequencer.codec.EventCodec;
import java.nio.ByteBuffer;

/**
 * The chained state hash: after command n, {@code h(n) = absorb(h(n-1), B(n))}, where {@code B(n)}
 * is the command's byte string (event count, each event's canonical encoding, changed-account
 * count, each changed account, pools and time: counts as 32-bit, every other number fixed-width
 * big-endian) and {@code absorb} is the four-lane multiply-fold digest of docs/sequencer.md, "State
 * hash": one 64x64->128-bit multiply per 16 bytes and four to finish, where SHA-256 took a
 * compression per 64 bytes and a finalization per command. It detects a divergence of two runs (a
 * determinism bug); it is not a cryptographic commitment (the Merkle root of the state tree is to
 * be that). Events are hashed in their {@link EventCodec} encoding, never their text. It reads only
 * the {@link CommandEffects} it is given, so it may run on any thread (one at a time), and it needs
 * only the last hash to continue (a restored snapshot's).
 */
public final class StateHasher implements StateHashFeed {
  /** id, collateral, nonce, mask, and five longs for each of at most 64 markets. */
  static final int MAX_ACCOUNT_BYTES = 4 + 8 + 8 + 8 + 64 * 5 * 8;

  /** feePool, fundingPool and now, written after the last account. */
  private static final int POOLS_BYTES = 3 * 8;

  /**
   * Larger than any encodable event (a symbol has at most 65,535 bytes), so one always fits after a
   * flush.
   */
  static final int BUFFER_BYTES = 128 * 1024;

  private static final EventCodec EVENTS = EventCodec.INSTANCE;

  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
  private final LaneDigest lanes;
  private CommandEffects last;

  /** A hasher before the first command: h(0) is 32 zero bytes. */
  public StateHasher() {
    this(new byte[32]);
  }

  /** A hasher continuing from {@code hash}, the hash after some command (it is copied). */
  public StateHasher(byte[] hash) {
    if (hash.length != 32) {
      throw new IllegalArgumentException("a state hash has 32 bytes");
    }
    this.lanes = new LaneDigest(hash);
  }

  @Override
  public byte[] hash() {
    return lanes.state();
  }

  /** The last run accepted: hashed at once, so it can be filled again. */
  @Override
  public CommandEffects spare() {
    CommandEffects done = last;
    last = null;
    return done;
  }

  @Override
  public void accept(CommandEffects effects) {
    last = effects;
    long[] words = effects.words();
    int w = 0;
    int e = 0;
    for (int c = 0; c < effects.commands(); c++) {
      int eventCount = (int) words[w++];
      buffer.putInt(eventCount);
      for (int end = e + eventCount; e < end; e++) {
        // Room for the largest event, not this one's size: sizing it would test its type again.
        room(EventCodec.MAX_ENCODED_BYTES);
        EVENTS.encode(effects.events()[e], buffer);
      }
      int accounts = (int) words[w++];
      room(4);
      buffer.putInt(accounts);
      for (int k = 0; k < accounts; k++) {
        w = encodeAccount(words, w);
      }
      room(POOLS_BYTES);
      buffer.putLong(words[w++]).putLong(words[w++]).putLong(words[w++]);
      lanes.finish(buffer);
    }
  }

  /** Writes the account at {@code words[i]}; returns the index after it. */
  private int encodeAccount(long[] words, int i) {
    room(MAX_ACCOUNT_BYTES);
    long mask = words[i + 3];
    buffer.putInt((int) words[i]).putLong(words[i + 1]).putLong(words[i + 2]).putLong(mask);
    int end = i + CommandEffects.accountWords(mask);
    for (int w = i + 4; w < end; w++) {
      buffer.putLong(words[w]);
    }
    return end;
  }

  private void room(int bytes) {
    if (buffer.remaining() < bytes) {
      lanes.absorb(buffer);
    }
  }
}
