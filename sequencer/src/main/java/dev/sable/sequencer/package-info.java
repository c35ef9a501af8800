/**
 * The deterministic core of the exchange: an ordered command log in, state and batch witnesses out.
 * No network, no threads, no clock, no framework; storage only through a key-value interface.
 */
package dev.sable.sequencer;
