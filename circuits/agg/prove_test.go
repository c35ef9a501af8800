package agg_test

import (
	"math/big"
	"os"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"sable/circuits/agg"
	"sable/circuits/ledger"
)

// TestRealAggregateProof sets up the k = 1 aggregate (1.25M constraints: ~8 CPU-minutes and
// ~2 GB, so only with SABLE_AGG_PROVE=1; the fixture proves k = 2), proves batch 2 and verifies the
// proof for the public inputs the bridge derives from D. A proof made for another Z (Y evaluated
// honestly at it, which the circuit accepts: Z is a public input) verifies for that Z only, never
// for the bridge's.
func TestRealAggregateProof(t *testing.T) {
	gateProving(t)
	w := setUp(t)
	segments := w.batches[1:2]
	prove, verify := w.realAggregate(t, len(segments))
	bridge := honest(segments)
	other := bridge
	other.Challenge.Add(&other.Challenge, new(fr.Element).SetOne())
	other.Evaluation = ledger.Evaluate(agg.Concat(segments), other.Challenge)
	if err := verify(prove(segments, bridge), bridge); err != nil {
		t.Fatal("the honest aggregate proof does not verify:", err)
	}
	forOther := prove(segments, other)
	if err := verify(forOther, other); err != nil {
		t.Fatal("a proof for another Z should exist (Z is the bridge's to derive):", err)
	}
	if verify(forOther, bridge) == nil {
		t.Fatal("a proof made for another Z verifies for the bridge's Z")
	}
}

// TestRealBlobAggregateProof is a real Groth16 proof of the k = 1 aggregate over a -blob inner
// proof (TinyOwnerBlob's batch 2, made by agg.ProveInner: 1.70M constraints, only with
// SABLE_AGG_PROVE=1): gnark's prover solves the commitment check's hints, and the proof verifies
// for the bridge's (C, Z, Y), not for Y + 1.
func TestRealBlobAggregateProof(t *testing.T) {
	gateProving(t)
	w := setUpBlob(t)
	segments := w.batches[1:2]
	prove, verify := w.realAggregate(t, len(segments))
	bridge := honest(segments)
	proof := prove(segments, bridge)
	if err := verify(proof, bridge); err != nil {
		t.Fatal("the honest aggregate proof does not verify:", err)
	}
	offByOne := bridge
	offByOne.Evaluation.Add(&offByOne.Evaluation, new(fr.Element).SetOne())
	if verify(proof, offByOne) == nil {
		t.Fatal("the proof verifies for Y + 1")
	}
}

func gateProving(t *testing.T) {
	if os.Getenv("SABLE_AGG_PROVE") != "1" {
		t.Skip("set SABLE_AGG_PROVE=1 for the real aggregate proofs and the trees (minutes to tens of minutes each)")
	}
}

type (
	aggProver   func(segments []agg.Segment, public ledger.PublicInputs) groth16.Proof
	aggVerifier func(proof groth16.Proof, public ledger.PublicInputs) error
)

// aggregateKeys compiles and sets up the aggregate of k segments over the world's inner key.
func (w world) aggregateKeys(t *testing.T, k int) (constraint.ConstraintSystem, groth16.ProvingKey, groth16.VerifyingKey) {
	t.Helper()
	blank, err := agg.New(w.keys.vk, w.keys.caps.PublicDataLen(), k)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, blank)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("compile: %d constraints, %d commitments, %v", cs.GetNbConstraints(),
		len(cs.GetCommitments().CommitmentIndexes()), time.Since(start))
	start = time.Now()
	pk, vk, err := groth16.Setup(cs)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("setup: %v", time.Since(start))
	return cs, pk, vk
}

// proveAggregate proves the aggregate of the segments for the public inputs, by the prover given
// (its hash-to-field: ProveInner's for an upper level, the Solidity verifier's for the bridge).
func proveAggregate(t *testing.T, cs constraint.ConstraintSystem, pk groth16.ProvingKey, segments []agg.Segment,
	public ledger.PublicInputs, by prover) groth16.Proof {
	t.Helper()
	a, err := agg.AssignWith(segments, public)
	if err != nil {
		t.Fatal(err)
	}
	full, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	proof, err := by(cs, pk, full)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("aggregate proof: %v", time.Since(start))
	return proof
}

// realAggregate sets up the aggregate of k segments over the world's inner key, and returns its
// prover and verifier (for the bridge's Solidity verifier, as the fixture's).
func (w world) realAggregate(t *testing.T, k int) (aggProver, aggVerifier) {
	t.Helper()
	cs, pk, vk := w.aggregateKeys(t, k)
	prove := func(segments []agg.Segment, public ledger.PublicInputs) groth16.Proof {
		return proveAggregate(t, cs, pk, segments, public, proveForTheBridge)
	}
	verify := func(proof groth16.Proof, public ledger.PublicInputs) error {
		a := &agg.Circuit{Commitment: public.Commitment.BigInt(new(big.Int)), Challenge: public.Challenge.BigInt(new(big.Int)),
			Evaluation: public.Evaluation.BigInt(new(big.Int))}
		pw, err := frontend.NewWitness(a, ecc.BN254.ScalarField(), frontend.PublicOnly())
		if err != nil {
			t.Fatal(err)
		}
		return groth16.Verify(proof, vk, pw, solidity.WithVerifierTargetSolidityVerifier(backend.GROTH16))
	}
	return prove, verify
}
