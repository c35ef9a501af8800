package dev.sable.sequencer.engine;

import dev.sable.sequencer.event.Event;

/**
 * The chained state hash: after command n, {@code h(n) = absorb(h(n-1), B(n))}, where {@code B(n)}
 * is the command's recorded words (a header of its counts, each changed account, the pools and time
 * that changed), then its events as words ({@link EventWords}), and {@code absorb} is the four-lane
 * multiply-fold digest of docs/sequencer.md, "State hash": one 64x64->128-bit multiply per 16 bytes
 * and four to finish. Nothing is encoded to bytes. It detects a divergence of two runs (a
 * determinism bug); it is not a cryptographic commitment (the Merkle root of the state tree is to
 * be that). It reads only the {@link CommandEffects} it is given, so it may run on any thread (one
 * at a time), and it needs only the last hash to continue (a restored snapshot's).
 */
public final class StateHasher implements StateHashFeed {
  private final EventWords words = new EventWords();
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
    long[] recorded = effects.words();
    Event[] events = effects.events();
    int w = 0;
    int e = 0;
    for (int c = 0; c < effects.commands(); c++) {
      long header = recorded[w];
      int end = w + 1;
      for (int k = CommandEffects.accounts(header); k > 0; k--) {
        end += CommandEffects.accountWords(recorded[end + 3]);
      }
      end += CommandEffects.poolWords(header);
      words.begin(recorded, w, end);
      w = end;
      for (int stop = e + CommandEffects.events(header); e < stop; e++) {
        words.add(events[e]);
      }
      lanes.command(words.words(), words.count());
    }
  }
}
