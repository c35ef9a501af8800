package main

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/keystore"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// The library proves a -blob settlement circuit (the owner rows in a blob: the blob gadget's
// hints and the circuit's Groth16 commitment) for the bridge's Solidity verifier: prove and
// verify, as SableProve and SableVerify call them, accept the sample batch, and the proof carries
// the commitment the Solidity encoding needs. A proof made with gnark's default options (the
// commitment's challenge from another hash) is refused by verify: what the bridge's verifier
// would do to it.
func TestBlobCircuitProvesForTheSolidityVerifier(t *testing.T) {
	if testing.Short() {
		t.Skip("a key setup of a 134k-constraint circuit")
	}
	caps := ledger.TinyOwnerBlob
	keys, err := keystore.Open(settlement.Name(caps), t.TempDir(), keystore.Policy{DevelopmentSetup: true})
	if err != nil {
		t.Fatal(err)
	}
	sample, err := settlement.Sample(caps)
	if err != nil {
		t.Fatal(err)
	}
	w, err := frontend.NewWitness(sample, ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	public, err := w.Public()
	if err != nil {
		t.Fatal(err)
	}
	proof, err := prove(keys, w)
	if err != nil {
		t.Fatal(err)
	}
	if err := verify(keys, proof, public); err != nil {
		t.Fatalf("the library refuses its own proof: %v", err)
	}
	if p := proof.(*groth16bn254.Proof); len(p.Commitments) != 1 || len(p.MarshalSolidity()) != 384 {
		t.Fatalf("%d commitments, %d bytes in the Solidity encoding", len(p.Commitments), len(p.MarshalSolidity()))
	}
	plain, err := groth16.Prove(keys.CS, keys.PK, w)
	if err != nil {
		t.Fatal(err)
	}
	if err := verify(keys, plain, public); err == nil {
		t.Fatal("a proof made for gnark's default commitment hash verifies for the Solidity verifier")
	}
}
