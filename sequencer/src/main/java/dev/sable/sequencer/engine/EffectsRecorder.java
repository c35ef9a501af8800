package dev.sable.sequencer.engine;

import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.event.Event;
import java.util.Arrays;
import java.util.List;

/**
 * Records each command's effects into the current run and hands full runs of {@link #RUN} commands
 * to a {@link StateHashFeed}: a command costs a few array stores, no object of its own. The last
 * command's events stay readable ({@link #lastEvents}) until the next command begins, so a caller
 * that wants them needs no event list of its own: the events are recorded once, for both.
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

  // The pools and time after the last command recorded: each is recorded when it changes.
  private long feePool;
  private long fundingPool;
  private long now;

  /** Where the last command's events start in {@link #events}, or -1 once they are handed over. */
  private int lastStart = -1;

  EffectsRecorder(StateHashFeed feed) {
    this.feed = feed;
  }

  void event(Event e) {
    if (eventCount == events.length) {
      events = Arrays.copyOf(events, eventCount * 2);
    }
    events[eventCount++] = e;
  }

  /** Hands a full run over before the next command records into it. */
  void beginCommand() {
    if (commands == RUN) {
      handOver();
    }
  }

  /**
   * Starts from {@code state}: its pools and time are the values the first command's are compared
   * with (a restored sequencer records what the one it was taken from would).
   */
  void start(ExchangeState state) {
    feePool = state.feePool();
    fundingPool = state.fundingPool();
    now = state.now();
  }

  /** Records the command just applied to {@code state}. */
  void endCommand(ExchangeState state) {
    int changed = state.changedAccountCount();
    room(1);
    int header = wordCount++;
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
    int flags = 0;
    if (state.feePool() != feePool) {
      feePool = state.feePool();
      words[wordCount++] = feePool;
      flags = CommandEffects.FEE_POOL;
    }
    if (state.fundingPool() != fundingPool) {
      fundingPool = state.fundingPool();
      words[wordCount++] = fundingPool;
      flags |= CommandEffects.FUNDING_POOL;
    }
    if (state.now() != now) {
      now = state.now();
      words[wordCount++] = now;
      flags |= CommandEffects.NOW;
    }
    words[header] = CommandEffects.header(eventCount - eventsBefore, changed, flags);
    lastStart = eventsBefore;
    eventsBefore = eventCount;
    commands++;
  }

  /**
   * The last command's events, a fresh immutable list.
   *
   * @throws IllegalStateException if they were handed over since (the hash was asked for)
   */
  List<Event> lastEvents() {
    if (lastStart < 0) {
      throw new IllegalStateException("the last command's events were handed to the state hash");
    }
    return switch (eventsBefore - lastStart) {
      case 0 -> List.of();
      case 1 -> List.of(events[lastStart]);
      case 2 -> List.of(events[lastStart], events[lastStart + 1]);
      default -> List.of(Arrays.copyOfRange(events, lastStart, eventsBefore));
    };
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
    lastStart = -1;
  }

  /** The state hash after the last command: hands the partial run over first. */
  byte[] hash() {
    handOver();
    return feed.hash();
  }
}
