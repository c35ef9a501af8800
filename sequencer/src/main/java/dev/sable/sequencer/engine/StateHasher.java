package dev.sable.sequencer.engine;

import dev.sable.sequencer.codec.EventCodec;
import dev.sable.sequencer.event.Event;
import java.nio.ByteBuffer;

/**
 * The chained state hash: after command n, {@code h(n) = absorb(h(n-1), B(n))}, where {@code B(n)}
 * is the command's recorded numbers, each an 8-byte big-endian word (event count, changed-account
 * count, each changed account, pools and time), then each of its events' canonical encodings, and
 * {@code absorb} is the four-lane multiply-fold digest of docs/sequencer.md, "State hash": one
 * 64x64->128-bit multiply per 16 bytes and four to finish. The recorded numbers go into the digest
 * as they are, with no byte encoding in between; only the events are encoded. It detects a
 * divergence of two runs (a determinism bug); it is not a cryptographic commitment (the Merkle root
 * of the state tree is to be that). Events are hashed in their {@link EventCodec} encoding, never
 * their text. It reads only the {@link CommandEffects} it is given, so it may run on any thread
 * (one at a time), and it needs only the last hash to continue (a restored snapshot's).
 */
public final class StateHasher implements StateHashFeed {
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
    Event[] events = effects.events();
    int w = 0;
    int e = 0;
    for (int c = 0; c < effects.commands(); c++) {
      int eventCount = (int) words[w];
      int accounts = (int) words[w + 1];
      int end = w + 2;
      for (int k = 0; k < accounts; k++) {
        end += CommandEffects.accountWords(words[end + 3]);
      }
      end += 3; // the pools and time
      lanes.words(words, w, end);
      w = end;
      for (int stop = e + eventCount; e < stop; e++) {
        // Room for the largest event, not this one's size: sizing it would test its type again.
        room(EventCodec.MAX_ENCODED_BYTES);
        EVENTS.encode(events[e], buffer);
      }
      lanes.finish(buffer);
    }
  }

  private void room(int bytes) {
    if (buffer.remaining() < bytes) {
      lanes.absorb(buffer);
    }
  }
}
