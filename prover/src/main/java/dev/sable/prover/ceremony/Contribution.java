package dev.sable.prover.ceremony;

/**
 * One file of a ceremony phase's chain.
 *
 * @param file its name in the transcript directory
 * @param sha256 its SHA-256 (hex): what a participant publishes to attest a contribution
 */
public record Contribution(String file, String sha256) {}
