package dev.sable.prover;

/**
 * Where a key set's randomness came from, as its manifest records it.
 *
 * @param kind "development" (single-party setup, not for production) or "ceremony"
 * @param transcriptHash digest of the ceremony transcript (ceremony keys only)
 * @param phase1Import SHA-256 of the powers-of-tau file phase 1 was imported from, if it was
 * @param phase1Contributions contributions to the powers of tau (ceremony keys only)
 * @param phase2Contributions contributions to the circuit-specific phase (ceremony keys only)
 */
public record KeySetup(
    String kind,
    String transcriptHash,
    String phase1Import,
    int phase1Contributions,
    int phase2Contributions) {

  public static final String DEVELOPMENT = "development";
  public static final String CEREMONY = "ceremony";

  public boolean isDevelopment() {
    return DEVELOPMENT.equals(kind);
  }
}
