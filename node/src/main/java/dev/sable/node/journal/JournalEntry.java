package dev.sable.node.journal;

import dev.sable.sequencer.command.Command;

/** One durable record of the journal: its sequence number, the command, and its provenance. */
public record JournalEntry(long sequence, Command command, Provenance provenance) {}
