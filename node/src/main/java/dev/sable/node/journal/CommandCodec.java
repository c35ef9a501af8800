package dev.sable.node.journal;

import dev.sable.sequencer.command.Command;

/**
 * Commands as journal bytes. The journal stores the sequencer's canonical binary encoding, so the
 * same bytes replay to the same commands on every machine.
 */
public interface CommandCodec {
  byte[] encode(Command command);

  /** The command; an {@link IllegalArgumentException} if the bytes are not one. */
  Command decode(byte[] bytes);
}
