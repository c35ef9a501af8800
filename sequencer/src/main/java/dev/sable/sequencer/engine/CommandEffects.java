package dev.sable.sequencer.engine;

import dev.sable.sequencer.event.Event;

/**
 * What a run of consecutive commands did, as the state hash reads it (docs/sequencer.md, "State
 * hash"): their events, and for each command its event count, a copy of each account it changed, in
 * order of first change, and the pools and time after it. A sequencer fills a run and hands it to
 * its {@link StateHashFeed}, which owns it from then on: the sequencer never touches it again
 * unless the feed gives it back through {@link StateHashFeed#spare()}, so it can be hashed later,
 * on another thread.
 *
 * @param commands how many commands the run holds
 * @param events the events of all of them, in order, in {@code events[0, eventCount)}
 * @param words {@code wordCount} longs: for each command, its event count, its changed-account
 *     count, each changed account (id, collateral, withdrawal nonce, active-market mask, then the
 *     size, cost, funding index, open buy and open sell of each active market in ascending market
 *     id), then the fee pool, the funding pool and the time
 */
public record CommandEffects(
    int commands, Event[] events, int eventCount, long[] words, int wordCount) {

  /** Words of one account: 4, plus 5 per active market. */
  static int accountWords(long activeMarkets) {
    return 4 + 5 * Long.bitCount(activeMarkets);
  }
}
