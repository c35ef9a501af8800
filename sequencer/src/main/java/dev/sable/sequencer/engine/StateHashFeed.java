package dev.sable.sequencer.engine;

/**
 * Where a sequencer with hashing on sends each command's effects, and asks for the state hash.
 * {@link StateHasher} hashes them at once, on the sequencer's thread; a node hashes them on a
 * thread of its own, off the sequencer's path.
 */
public interface StateHashFeed {
  /** The effects of the next command, in log order. */
  void accept(CommandEffects effects);

  /** The state hash after the last effects accepted (32 bytes, a fresh array). */
  byte[] hash();
}
