package dev.sable.prover;

import java.math.BigInteger;

/**
 * An aggregate's proof ({@link AggregateProver#prove}) and the public inputs it was proven for: the
 * aggregate circuit's commitment C to D, and Z and Y as the bridge derives them from D and C (the
 * library checks the proof against them before returning it).
 *
 * @param proof the proof; its Solidity encoding (384 bytes: the aggregate has one Groth16
 *     commitment) is what {@code submitBatches} takes
 * @param commitment C
 * @param challenge Z
 * @param evaluation Y
 */
public record AggregateProof(
    Proof proof, BigInteger commitment, BigInteger challenge, BigInteger evaluation) {}
