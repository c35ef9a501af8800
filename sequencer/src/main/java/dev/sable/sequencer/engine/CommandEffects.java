package dev.sable.sequencer.engine;

import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.event.Event;

/**
 * What a run of consecutive commands did, as the state hash reads it (docs/sequencer.md, "State
 * hash"): their events, and for each command a header, a copy of each account it changed, in order
 * of first change, and those of the pools and time that changed. A sequencer fills a run and hands
 * it to its {@link StateHashFeed}, which owns it from then on: the sequencer never touches it again
 * unless the feed gives it back through {@link StateHashFeed#spare()}, so it can be hashed later,
 * on another thread.
 *
 * @param commands how many commands the run holds
 * @param events the events of all of them, in order, in {@code events[0, eventCount)}
 * @param words {@code wordCount} longs: for each command, its {@link #header}, each changed account
 *     (id, collateral, withdrawal nonce, active-market mask, then the size, cost, funding index,
 *     open buy and open sell of each active market in ascending market id), then the fee pool, the
 *     funding pool and the time, each only if it differs from its value after the command before
 */
public record CommandEffects(
    int commands, Event[] events, int eventCount, long[] words, int wordCount) {

  /** Header flags: which of the fee pool, funding pool and time follow the accounts. */
  static final int FEE_POOL = 1;

  static final int FUNDING_POOL = 2;
  static final int NOW = 4;

  /**
   * A command's first word: its event count (bits 32-63), its changed-account count (bits 3-31: at
   * most {@link ExchangeState#MAX_ACCOUNTS}, 2^22) and which pools and time changed (bits 0-2,
   * {@link #FEE_POOL}, {@link #FUNDING_POOL}, {@link #NOW}).
   */
  static long header(int events, int accounts, int changedPools) {
    return (long) events << 32 | (long) accounts << 3 | changedPools;
  }

  static int events(long header) {
    return (int) (header >>> 32);
  }

  static int accounts(long header) {
    return (int) header >>> 3;
  }

  /** How many of the pools and time follow the accounts. */
  static int poolWords(long header) {
    return Integer.bitCount((int) header & 7);
  }

  /** Words of one account: 4, plus 5 per active market. */
  static int accountWords(long activeMarkets) {
    return 4 + 5 * Long.bitCount(activeMarkets);
  }
}
