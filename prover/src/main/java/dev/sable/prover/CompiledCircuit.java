package dev.sable.prover;

import java.util.List;

/**
 * What the native library reports about a circuit compiled without keys.
 *
 * @param handle native handle of the constraint system
 * @param circuit circuit name in the catalog
 * @param constraints number of R1CS constraints
 * @param publicInputs number of public inputs
 * @param witness the circuit's witness layout, read from the Go struct
 * @param compileMs time to compile the circuit
 */
public record CompiledCircuit(
    long handle,
    String circuit,
    int constraints,
    int publicInputs,
    List<WitnessField> witness,
    long compileMs) {

  public CompiledCircuit {
    witness = List.copyOf(witness);
  }
}
