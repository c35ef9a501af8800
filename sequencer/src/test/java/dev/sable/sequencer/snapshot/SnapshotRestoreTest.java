package dev.sable.sequencer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.RandomCommands;
import dev.sable.sequencer.codec.SnapshotCodec;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.core.ReferenceOrderBook;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A sequencer restored from a snapshot (image and state hash, through the binary encoding) is the
 * sequencer it was taken from: fed the rest of the log, it emits the same events and reaches the
 * same state hash after every command, and its image at the end is the same.
 */
class SnapshotRestoreTest {
  private static final int COMMANDS = 4_000;

  @Property(tries = 30)
  void aRestoredSequencerContinuesExactlyAsTheOriginal(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = COMMANDS) int cut) {
    List<Event> originalEvents = new ArrayList<>();
    Sequencer original = new Sequencer(ArrayOrderBook::new, originalEvents::add, true);
    RandomCommands stream = new RandomCommands(seed, 3, 10, true, original.state());
    for (int i = 0; i < cut; i++) {
      original.apply(stream.next());
    }
    EngineImage image = original.image();
    byte[] bytes = SnapshotCodec.encode(image);
    EngineImage decoded = SnapshotCodec.decode(bytes);
    assertThat(decoded).isEqualTo(image);

    List<Event> restoredEvents = new ArrayList<>();
    Sequencer restored =
        Sequencer.restore(decoded, original.stateHash(), ArrayOrderBook::new, restoredEvents::add);
    assertThat(restored.image()).isEqualTo(image);
    assertThat(restored.stateHash()).isEqualTo(original.stateHash());
    for (int i = cut; i < COMMANDS; i++) {
      Command c = stream.next();
      originalEvents.clear();
      restoredEvents.clear();
      original.apply(c);
      restored.apply(c);
      assertThat(restoredEvents).as("events of command %d: %s", i, c).isEqualTo(originalEvents);
      assertThat(restored.stateHash())
          .as("state hash after command %d", i)
          .isEqualTo(original.stateHash());
    }
    assertThat(SnapshotCodec.encode(restored.image()))
        .isEqualTo(SnapshotCodec.encode(original.image()));
  }

  @Property(tries = 5)
  void theImageDoesNotDependOnTheBookImplementation(@ForAll long seed) {
    Sequencer fast = new Sequencer(ArrayOrderBook::new, e -> {}, true);
    Sequencer reference = new Sequencer(ReferenceOrderBook::new, e -> {}, true);
    RandomCommands a = new RandomCommands(seed, 2, 8, false, fast.state());
    RandomCommands b = new RandomCommands(seed, 2, 8, false, reference.state());
    for (int i = 0; i < 2_000; i++) {
      fast.apply(a.next());
      reference.apply(b.next());
    }
    assertThat(fast.image()).isEqualTo(reference.image());
    // and an image of one restores into the other
    Sequencer crossed =
        Sequencer.restore(fast.image(), fast.stateHash(), ReferenceOrderBook::new, e -> {});
    for (int i = 0; i < 500; i++) {
      Command c = a.next();
      fast.apply(c);
      crossed.apply(c);
    }
    assertThat(crossed.stateHash()).isEqualTo(fast.stateHash());
  }
}
