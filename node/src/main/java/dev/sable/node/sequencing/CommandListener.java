package dev.sable.node.sequencing;

import dev.sable.node.journal.JournalEntry;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import java.util.List;

/**
 * Sees every command the sequencer applies, with its events, on the sequencer's thread (so it may
 * read the sequencer's state, and must not block).
 */
@FunctionalInterface
public interface CommandListener {
  void applied(JournalEntry entry, List<Event> events, Sequencer sequencer);
}
