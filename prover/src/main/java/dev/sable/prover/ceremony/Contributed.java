package dev.sable.prover.ceremony;

/**
 * What one participant's contribution did.
 *
 * @param phase 1 (powers of tau) or 2 (circuit-specific)
 * @param previous the file it extends
 * @param next the file it wrote
 */
public record Contributed(int phase, Contribution previous, Contribution next) {}
