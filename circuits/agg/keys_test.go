package agg_test

import (
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"sable/circuits/agg"
)

// threeInputs has the inner circuits' three public inputs, and commitments Groth16 commitments
// (a -blob circuit has one, from its emulated arithmetic's range checks).
type threeInputs struct {
	C, Z, Y     frontend.Variable `gnark:",public"`
	commitments int
}

func (c *threeInputs) Define(api frontend.API) error {
	api.AssertIsEqual(api.Mul(c.C, c.Z), c.Y)
	for i := 0; i < c.commitments; i++ {
		r, err := api.(frontend.Committer).Commit(c.C, c.Z, i)
		if err != nil {
			return err
		}
		api.AssertIsDifferent(r, 0)
	}
	return nil
}

type oneInput struct {
	C frontend.Variable `gnark:",public"`
}

func (c *oneInput) Define(api frontend.API) error { api.AssertIsDifferent(c.C, 0); return nil }

func keyOf(t *testing.T, c frontend.Circuit) groth16.VerifyingKey {
	t.Helper()
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c)
	if err != nil {
		t.Fatal(err)
	}
	_, vk, err := groth16.Setup(cs)
	if err != nil {
		t.Fatal(err)
	}
	return vk
}

func TestInnerKeysTheAggregateCannotVerifyAreRefused(t *testing.T) {
	for commitments := 0; commitments <= 1; commitments++ {
		if _, err := agg.New(keyOf(t, &threeInputs{commitments: commitments}), 17, 2); err != nil {
			t.Fatalf("a key with (c, z, y) and %d commitments should do: %v", commitments, err)
		}
	}
	for name, c := range map[string]struct {
		circuit frontend.Circuit
		want    string
	}{
		"two Groth16 commitments": {&threeInputs{commitments: 2}, "2 Groth16 commitments"},
		"one public input":        {&oneInput{}, "public inputs"},
	} {
		if _, err := agg.New(keyOf(t, c.circuit), 17, 2); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := agg.New(keyOf(t, &threeInputs{}), 17, 0); err == nil {
		t.Error("k = 0 accepted")
	}
}
