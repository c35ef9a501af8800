package agg

import (
	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"
)

// ProveInner is an inner proof as the aggregate verifies it. An inner circuit with a Groth16
// commitment (the -blob settlement circuits) derives the commitment's wire by a hash-to-field that
// prover and verifier share: the aggregate's is gnark recursion's (MiMC over BN254's scalar
// field), the bridge's Solidity verifier's is keccak, so a proof for the aggregate is not one the
// bridge verifies alone, and the other way round. Without a commitment the options change nothing:
// the proof is the single-batch path's.
func ProveInner(cs constraint.ConstraintSystem, pk groth16.ProvingKey, full witness.Witness) (groth16.Proof, error) {
	return groth16.Prove(cs, pk, full, stdgroth16.GetNativeProverOptions(ecc.BN254.ScalarField(), ecc.BN254.ScalarField()))
}

// VerifyInner verifies a ProveInner proof outside a circuit, with the aggregate's hash-to-field.
func VerifyInner(proof groth16.Proof, vk groth16.VerifyingKey, public witness.Witness) error {
	return groth16.Verify(proof, vk, public, stdgroth16.GetNativeVerifierOptions(ecc.BN254.ScalarField(), ecc.BN254.ScalarField()))
}
