package dev.sable.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.EventSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With hashing on, a caller reads each command's events from what the state hash recorded ({@link
 * Sequencer#lastEvents()}) instead of collecting them from the sink: the same events, in order, and
 * the same hash whichever way the events are taken.
 */
class LastEventsTest {

  @Test
  void lastEventsAreTheEventsTheSinkGotAcrossHandedOverRuns() {
    List<Event> sinkEvents = new ArrayList<>();
    Sequencer withSink = new Sequencer(ArrayOrderBook::new, sinkEvents::add, true);
    Sequencer recordedOnly = new Sequencer(ArrayOrderBook::new, EventSink.DISCARD, true);
    RandomCommands commands = new RandomCommands(11, 4, 50, false, withSink.state());
    int multiEvent = 0;
    // 5,000 commands: many full runs of 256 handed over, and partial runs when the hash is asked.
    for (int i = 0; i < 5_000; i++) {
      Command c = commands.next();
      sinkEvents.clear();
      withSink.apply(c);
      recordedOnly.apply(c);
      assertThat(recordedOnly.lastEvents()).as("events of command %d", i).isEqualTo(sinkEvents);
      assertThat(withSink.lastEvents()).isEqualTo(sinkEvents);
      if (sinkEvents.size() > 2) {
        multiEvent++;
      }
      if (i % 1_000 == 999) {
        assertThat(recordedOnly.stateHash()).isEqualTo(withSink.stateHash());
      }
    }
    assertThat(multiEvent).as("commands with more than two events").isPositive();
    assertThat(recordedOnly.stateHash()).isEqualTo(withSink.stateHash());
  }

  @Test
  void lastEventsAreGoneOnceTheHashTookThem() {
    Sequencer seq = new Sequencer(ArrayOrderBook::new, EventSink.DISCARD, true);
    RandomCommands commands = new RandomCommands(3, 4, 50, false, seq.state());
    seq.apply(commands.next());
    assertThat(seq.lastEvents()).isNotEmpty();
    seq.stateHash();
    assertThatThrownBy(seq::lastEvents)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("handed to the state hash");
    seq.apply(commands.next());
    assertThat(seq.lastEvents()).isNotEmpty();
  }

  @Test
  void withoutHashingThereIsNoRecordToReadFrom() {
    Sequencer seq = Sequencer.fast(EventSink.DISCARD);
    assertThatThrownBy(seq::lastEvents)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hashing is off");
  }
}
