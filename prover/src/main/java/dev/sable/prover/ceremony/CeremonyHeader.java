package dev.sable.prover.ceremony;

/**
 * A ceremony's {@code ceremony.json}.
 *
 * @param format transcript layout version
 * @param circuit the catalog circuit the keys are for
 * @param circuitHash its hash (names the key directory)
 * @param domainSize the FFT domain size (a power of two at least the constraint count)
 * @param gnark gnark version
 * @param gnarkCrypto gnark-crypto version
 * @param phase1Beacon the beacon that sealed phase 1 (hex), once set
 * @param phase2Beacon the beacon that sealed phase 2 (hex), once set
 * @param phase1Import SHA-256 of the powers-of-tau file phase 1 was imported from, if it was
 */
public record CeremonyHeader(
    String format,
    String circuit,
    String circuitHash,
    long domainSize,
    String gnark,
    String gnarkCrypto,
    String phase1Beacon,
    String phase2Beacon,
    String phase1Import) {}
