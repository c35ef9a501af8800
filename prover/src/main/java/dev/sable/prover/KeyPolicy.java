package dev.sable.prover;

/** What opening a prover may do when no usable key set exists in the key directory. */
public enum KeyPolicy {
  /**
   * Run gnark's single-party setup when the set is absent, and rebuild a damaged development set:
   * for development only, since whoever runs the setup can forge proofs. Ceremony keys are never
   * replaced.
   */
  DEVELOPMENT_SETUP,
  /** Use only a key set already installed (e.g. sealed by {@code sable ceremony seal}). */
  EXISTING_KEYS
}
