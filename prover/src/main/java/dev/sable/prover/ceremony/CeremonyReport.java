package dev.sable.prover.ceremony;

import java.util.List;

/**
 * What verifying (or sealing) a ceremony transcript found.
 *
 * @param circuit the catalog circuit
 * @param circuitHash its hash
 * @param domainSize the FFT domain size
 * @param phase1 the initial phase 1 file, then each contribution, all verified
 * @param phase2 the same for phase 2 (empty before phase 2 begins)
 * @param phase1Import SHA-256 of the powers-of-tau file phase 1 was imported from, if it was
 * @param transcriptHash digest of the whole transcript (sealed ceremonies only)
 * @param verifyingKeyHash the verifying key it seals to (sealed ceremonies only)
 * @param keyDir the key set checked against or sealed from the transcript, if any
 */
public record CeremonyReport(
    String circuit,
    String circuitHash,
    long domainSize,
    List<Contribution> phase1,
    List<Contribution> phase2,
    String phase1Import,
    String transcriptHash,
    String verifyingKeyHash,
    String keyDir) {

  public CeremonyReport {
    phase1 = phase1 == null ? List.of() : List.copyOf(phase1);
    phase2 = phase2 == null ? List.of() : List.copyOf(phase2);
  }

  /** Contributions to phase 1, not counting the initial file. */
  public int phase1Contributions() {
    return Math.max(0, phase1.size() - 1);
  }

  /** Contributions to phase 2, not counting the initial file. */
  public int phase2Contributions() {
    return Math.max(0, phase2.size() - 1);
  }
}
