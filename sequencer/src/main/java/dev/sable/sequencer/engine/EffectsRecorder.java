package dev.sable.sequencer.engine;

import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.event.Event;
import java.util.Arrays;

/**
 * Records each command's effects into the current run and hands full runs of {@link #RUN} commands
 * to a {@link StateHashFeed}: a command costs a few array stores, no object of its own.
 */
final class EffectsRecorder {
  static final int RUN = 256;

  /** The most words one command's changed account takes (64 active markets). */
  private static final int MAX_ACCOUNT_WORDS = 4 + 5 * ExchangeState.MAX_MARKETS;

  private final StateHashFeed feed;
  private Event[] events = new Event[RUN];
  private int eventCount;
  private long[] words = new long[16 * RUN];
  private int wordCount;
  private int commands;
  private int eventsBefore;

  EffectsRecorder(StateHashFeed feed) {
    this.feed = feed;
  }

  void event(Event e) {
    if (eventCount == events.length) {
      events = Arrays.copyOf(events, eventCount * 2);
    }
    events[eventCount++] = e;
  }

  /** Records the command just applied to {@code state}; hands the run over once it is full. */
  void endCommand(ExchangeState state) {
    int changed = state.changedAccountCount();
    room(2);
    words[wordCount++] = eventCount - eventsBefore;
    words[wordCount++] = changed;
    for (int i = 0; i < changed; i++) {
      Account a = state.account(state.changedAccount(i));
      room(MAX_ACCOUNT_WORDS);
      words[wordCount++] = a.id();
      words[wordCount++] = a.collateral();
      words[wordCount++] = a.nonce();
      words[wordCount++] = a.activeMarkets();
      wordCount = a.copyActiveMarkets(words, wordCount);
    }
    room(3);
    words[wordCount++] = state.feePool();
    words[wordCount++] = state.fundingPool();
    words[wordCount++] = state.now();
    eventsBefore = eventCount;
    if (++commands == RUN) {
      handOver();
    }
  }

  private void room(int n) {
    if (wordCount + n > words.length) {
      words = Arrays.copyOf(words, Math.max(words.length * 2, wordCount + n));
    }
  }

  /**
   * Hands the commands recorded so far to the feed (nothing if none), then records into a run the
   * feed gives back, or into new arrays.
   */
  void handOver() {
    if (commands == 0) {
      return;
    }
    feed.accept(new CommandEffects(commands, events, eventCount, words, wordCount));
    CommandEffects spare = feed.spare();
    if (spare != null) {
      events = spare.events();
      words = spare.words();
      Arrays.fill(events, 0, spare.eventCount(), null); // no stale references kept alive
    } else {
      events = new Event[events.length];
      words = new long[words.length];
    }
    eventCount = 0;
    wordCount = 0;
    commands = 0;
    eventsBefore = 0;
  }

  /** The state hash after the last command: hands the partial run over first. */
  byte[] hash() {
    handOver();
    return feed.hash();
  }
}
