package dev.sable.sequencer.engine;

/**
 * Where a sequencer with hashing on sends its commands' effects, a run at a time, and asks for the
 * state hash. {@link StateHasher} hashes them at once, on the sequencer's thread; a node hashes
 * them on a thread of its own, off the sequencer's path.
 */
public interface StateHashFeed {
  /** The effects of the next run of commands, in log order. */
  void accept(CommandEffects effects);

  /** The state hash after the last run accepted (32 bytes, a fresh array). */
  byte[] hash();

  /**
   * A run accepted earlier that the feed is done with, for the sequencer to fill again (so that
   * recording allocates nothing), or null: then the sequencer makes a new one.
   */
  default CommandEffects spare() {
    return null;
  }
}
