package dev.sable.node.sequencing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.engine.CommandEffects;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackgroundStateHasherTest {

  /** A market, funded accounts, then orders around a fixed price: fills, rests and cancels. */
  private static List<Command> commands(int orders) {
    List<Command> out = new ArrayList<>(SequencerLoopTest.tradingDay());
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < orders; i++) {
      int account = 1 + random.nextInt(2);
      boolean buy = random.nextBoolean();
      long price = 995 + random.nextInt(11);
      out.add(
          random.nextInt(5) == 0
              ? new Command.CancelOrder(account, random.nextInt(i + 1))
              : Command.PlaceOrder.limit(
                  account, 0, 1_000 + i, buy ? Side.BUY : Side.SELL, price, 1));
    }
    return out;
  }

  @Test
  void hashesLikeTheSequencerInlineAtEveryQuestion() {
    // Several full groups of runs between questions, the last group and run partial.
    List<Command> commands = commands(12_000);
    Sequencer inline = new Sequencer(ArrayOrderBook::new, EventSink.DISCARD, true);
    try (BackgroundStateHasher background = new BackgroundStateHasher()) {
      Sequencer off = new Sequencer(ArrayOrderBook::new, EventSink.DISCARD, background);
      for (int i = 0; i < commands.size(); i++) {
        inline.apply(commands.get(i));
        off.apply(commands.get(i));
        if (i % 5_000 == 0 || i == commands.size() - 1) {
          assertThat(off.stateHash()).as("after command %d", i).isEqualTo(inline.stateHash());
        }
      }
    }
  }

  /** A node restored from a snapshot continues the chain from the snapshot's hash. */
  @Test
  void aRestoredSequencerContinuesTheChainOnTheHashingThread() {
    List<Command> commands = commands(1_500);
    Sequencer inline = new Sequencer(ArrayOrderBook::new, EventSink.DISCARD, true);
    int half = commands.size() / 2;
    commands.subList(0, half).forEach(inline::apply);
    try (BackgroundStateHasher background = new BackgroundStateHasher(inline.stateHash())) {
      Sequencer restored =
          Sequencer.restore(inline.image(), background, ArrayOrderBook::new, EventSink.DISCARD);
      for (Command c : commands.subList(half, commands.size())) {
        inline.apply(c);
        restored.apply(c);
      }
      assertThat(restored.stateHash()).isEqualTo(inline.stateHash());
    }
  }

  private static CommandEffects emptyRun() {
    return new CommandEffects(0, new Event[0], 0, new long[0], 0);
  }

  /**
   * Hashed runs come back to be filled again, the most recently hashed first (the one still in the
   * sequencer's caches), each once.
   */
  @Test
  void hashedRunsComeBackMostRecentFirst() {
    try (BackgroundStateHasher background = new BackgroundStateHasher()) {
      List<CommandEffects> runs = List.of(emptyRun(), emptyRun(), emptyRun());
      runs.forEach(background::accept);
      background.hash();
      assertThat(background.spare()).isSameAs(runs.get(2));
      assertThat(background.spare()).isSameAs(runs.get(1));
      assertThat(background.spare()).isSameAs(runs.get(0));
      assertThat(background.spare()).isNull();
    }
  }

  /** A run the hashing thread has not hashed is never given back to be overwritten. */
  @Test
  void aRunNotYetHashedIsNotGivenBack() {
    BackgroundStateHasher background = new BackgroundStateHasher();
    background.close();
    background.accept(emptyRun());
    assertThat(background.spare()).isNull();
  }

  /** The hashing falls at most QUEUED_RUNS runs behind: then a hand-over waits, or fails. */
  @Test
  void aFullRingWithTheHashingThreadStoppedFailsTheHandOver() {
    BackgroundStateHasher background = new BackgroundStateHasher();
    background.close();
    for (int i = 0; i < BackgroundStateHasher.QUEUED_RUNS; i++) {
      background.accept(emptyRun());
    }
    assertThatThrownBy(() -> background.accept(emptyRun()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("state hash thread has stopped");
  }

  @Test
  void aFailureOnTheHashingThreadReachesTheSequencer() {
    try (BackgroundStateHasher background = new BackgroundStateHasher()) {
      // One command whose header announces no events and one changed account (the count is in
      // bits 3 and up), no words for it: the hashing thread fails reading it.
      background.accept(new CommandEffects(1, new Event[0], 0, new long[] {1 << 3}, 1));
      assertThatThrownBy(background::hash)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("state hash thread has stopped")
          .hasRootCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
    }
  }

  @Test
  void afterCloseTheHashIsRefusedNotWaitedFor() {
    BackgroundStateHasher background = new BackgroundStateHasher();
    background.close();
    background.accept(emptyRun());
    assertThatThrownBy(background::hash).isInstanceOf(IllegalStateException.class);
  }
}
