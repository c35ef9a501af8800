package dev.sable.state;

import dev.sable.crypto.Fr;

/** One leaf to set in a batch; Fr.ZERO empties it. */
public record LeafWrite(long index, Fr leaf) {}
