package dev.sable.sequencer.options;

/** A signed position (positive = long) of an account in one market, in that market's units. */
public record Position(int market, long size) {}
