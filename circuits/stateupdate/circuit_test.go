package stateupdate_test

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/test"

	"sable/circuits/keystore"
	"sable/circuits/smt"
	"sable/circuits/stateupdate"
)

// assignment builds a witness for one update of a tree that already holds a few leaves.
func assignment(t *testing.T) *stateupdate.Circuit {
	t.Helper()
	tree := smt.New(stateupdate.Depth)
	for i, idx := range []uint64{0, 1, 7, 1 << 20, 1<<stateupdate.Depth - 1} {
		if _, err := tree.Set(idx, fr.NewElement(uint64(100+i))); err != nil {
			t.Fatal(err)
		}
	}
	u, err := tree.Set(7, fr.NewElement(4242))
	if err != nil {
		t.Fatal(err)
	}
	return stateupdate.Assign(u)
}

func TestValidUpdateIsSolved(t *testing.T) {
	if err := test.IsSolved(&stateupdate.Circuit{}, assignment(t), ecc.BN254.ScalarField()); err != nil {
		t.Fatalf("valid update rejected: %v", err)
	}
}

func TestInvalidUpdatesAreRejected(t *testing.T) {
	cases := map[string]func(c *stateupdate.Circuit){
		"wrong sibling":  func(c *stateupdate.Circuit) { c.Siblings[3] = fr.NewElement(1) },
		"wrong old root": func(c *stateupdate.Circuit) { c.OldRoot = fr.NewElement(1) },
		"wrong new root": func(c *stateupdate.Circuit) { c.NewRoot = fr.NewElement(1) },
		"wrong old leaf": func(c *stateupdate.Circuit) { c.OldLeaf = fr.NewElement(1) },
		"wrong new leaf": func(c *stateupdate.Circuit) { c.NewLeaf = fr.NewElement(1) },
		"wrong index":    func(c *stateupdate.Circuit) { c.Index = 6 },
		"index too wide": func(c *stateupdate.Circuit) { c.Index = uint64(7 + 1<<stateupdate.Depth) },
	}
	for name, tamper := range cases {
		t.Run(name, func(t *testing.T) {
			a := assignment(t)
			tamper(a)
			if err := test.IsSolved(&stateupdate.Circuit{}, a, ecc.BN254.ScalarField()); err == nil {
				t.Fatal("tampered witness was accepted")
			}
		})
	}
}

// TestGroth16RoundTrip proves a real update with cached keys, verifies it, and checks that a
// tampered witness yields no proof and a proof does not verify against other public inputs.
func TestGroth16RoundTrip(t *testing.T) {
	keys, err := keystore.Open(stateupdate.Name, t.TempDir(), keystore.Policy{DevelopmentSetup: true})
	if err != nil {
		t.Fatal(err)
	}
	if keys.Reused || keys.PublicCount != 2 {
		t.Fatalf("fresh key dir: reused=%v public=%d", keys.Reused, keys.PublicCount)
	}
	full, err := frontend.NewWitness(assignment(t), ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	proof, err := groth16.Prove(keys.CS, keys.PK, full)
	if err != nil {
		t.Fatal(err)
	}
	public, _ := full.Public()
	if err := groth16.Verify(proof, keys.VK, public); err != nil {
		t.Fatalf("valid proof rejected: %v", err)
	}

	other := assignment(t)
	other.NewRoot = fr.NewElement(5)
	otherWitness, _ := frontend.NewWitness(other, ecc.BN254.ScalarField())
	if _, err := groth16.Prove(keys.CS, keys.PK, otherWitness); err == nil {
		t.Fatal("prover produced a proof for an unsatisfied witness")
	}
	otherPublic, _ := otherWitness.Public()
	if err := groth16.Verify(proof, keys.VK, otherPublic); err == nil {
		t.Fatal("proof verified against different public inputs")
	}
}
