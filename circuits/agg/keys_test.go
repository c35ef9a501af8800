package agg_test

import (
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/std/rangecheck"

	"sable/circuits/agg"
)

// threeInputs has the inner circuits' three public inputs; with commit it range-checks one of
// them, which gives it a Groth16 commitment (as -blob circuits have).
type threeInputs struct {
	C, Z, Y frontend.Variable `gnark:",public"`
	commit  bool
}

func (c *threeInputs) Define(api frontend.API) error {
	api.AssertIsEqual(api.Mul(c.C, c.Z), c.Y)
	if c.commit {
		rangecheck.New(api).Check(c.C, 64)
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
	if _, err := agg.New(keyOf(t, &threeInputs{}), 17, 2); err != nil {
		t.Fatal("a key with (c, z, y) and no commitment should do:", err)
	}
	for name, c := range map[string]struct {
		circuit frontend.Circuit
		want    string
	}{
		"a Groth16 commitment": {&threeInputs{commit: true}, "commitment"},
		"one public input":     {&oneInput{}, "public inputs"},
	} {
		if _, err := agg.New(keyOf(t, c.circuit), 17, 2); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := agg.New(keyOf(t, &threeInputs{}), 17, 0); err == nil {
		t.Error("k = 0 accepted")
	}
}
