package dev.sable.sequencer.state;

import dev.sable.sequencer.crypto.Fr;

/** One leaf to set in a batch; Fr.ZERO empties it. */
public record LeafWrite(long index, Fr leaf) {}
