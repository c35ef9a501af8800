package dev.sable.prover;

/**
 * What the native setup reports about a circuit and its keys.
 *
 * @param handle native handle of the loaded keys
 * @param circuit circuit name in the catalog
 * @param circuitHash digest of the constraint system and library versions naming the key directory
 * @param keyDir directory holding the keys
 * @param reused true if the keys were read from disk, false if setup ran
 * @param constraints number of R1CS constraints
 * @param publicInputs number of public inputs
 * @param compileMs time to compile the circuit
 * @param keyMs time to read or to set up the keys
 * @param libraries gnark and gnark-crypto versions
 */
public record CircuitKeys(
    long handle,
    String circuit,
    String circuitHash,
    String keyDir,
    boolean reused,
    int constraints,
    int publicInputs,
    long compileMs,
    long keyMs,
    String libraries) {}
