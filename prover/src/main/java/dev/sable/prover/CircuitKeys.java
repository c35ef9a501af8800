package dev.sable.prover;

import java.util.List;

/**
 * What the native library reports about a circuit and its checked keys.
 *
 * @param handle native handle of the loaded keys
 * @param circuit circuit name in the catalog
 * @param circuitHash digest of the constraint system and library versions naming the key directory
 * @param keyDir directory holding the keys
 * @param reused true if the keys were read from disk, false if setup ran
 * @param note what opening repaired on the way (a damaged development set rebuilt, leftovers of an
 *     interrupted setup removed, permissions tightened), or empty
 * @param setup where the keys' randomness came from (development or ceremony)
 * @param setupDescription that, in words for people
 * @param verifyingKeyHash keccak256 of the verifying key as the Solidity verifier reports it
 * @param constraints number of R1CS constraints
 * @param publicInputs number of public inputs
 * @param witness the circuit's witness layout, read from the Go struct
 * @param compileMs time to compile the circuit
 * @param keyMs time to read and check, or to set up, the keys
 * @param libraries gnark and gnark-crypto versions
 */
public record CircuitKeys(
    long handle,
    String circuit,
    String circuitHash,
    String keyDir,
    boolean reused,
    String note,
    KeySetup setup,
    String setupDescription,
    String verifyingKeyHash,
    int constraints,
    int publicInputs,
    List<WitnessField> witness,
    long compileMs,
    long keyMs,
    String libraries) {

  public CircuitKeys {
    witness = List.copyOf(witness);
  }
}
