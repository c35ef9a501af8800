package dev.sable.prover;

/**
 * Whether a witness satisfies a circuit's constraint system, found by solving it without proving.
 *
 * @param failure empty when every constraint holds; else the first failing constraint and where the
 *     circuit asserts it (the step of the circuit, from gnark's test engine)
 */
public record WitnessCheck(String failure) {
  public boolean satisfied() {
    return failure.isEmpty();
  }
}
