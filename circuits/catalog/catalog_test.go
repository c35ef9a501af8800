package catalog_test

import (
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/test"

	"sable/circuits/catalog"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
	"sable/circuits/stateupdate"
)

func TestEverySampleSatisfiesItsCircuit(t *testing.T) {
	for _, name := range catalog.Names() {
		blank, _ := catalog.Lookup(name)
		sample, err := catalog.Sample(name)
		if err != nil {
			t.Fatal(name, err)
		}
		if err := test.IsSolved(blank, sample, ecc.BN254.ScalarField()); err != nil {
			t.Fatalf("%s: sample not solved: %v", name, err)
		}
	}
}

func TestSchemaCountsMatchTheCompiledCircuit(t *testing.T) {
	for _, name := range catalog.Names() {
		blank, _ := catalog.Lookup(name)
		cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, blank)
		if err != nil {
			t.Fatal(err)
		}
		fields, err := catalog.Schema(name)
		if err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		for _, f := range fields {
			count[f.Visibility] += f.Length
		}
		_, nbSecret, nbPublic := cs.GetNbVariables()
		if count["public"] != nbPublic-1 || count["secret"] != nbSecret {
			t.Fatalf("%s: schema counts %v, circuit has %d public, %d secret", name, count, nbPublic-1, nbSecret)
		}
	}
}

// The schema's order is the binary witness's order: the value of each field of a sample sits at the
// position the schema gives it.
func TestSchemaOrderIsTheWitnessOrder(t *testing.T) {
	sample, _ := catalog.Sample(stateupdate.Name)
	w, err := frontend.NewWitness(sample, ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	fields, _ := catalog.Schema(stateupdate.Name)
	want := []catalog.Field{{"OldRoot", "public", 1}, {"NewRoot", "public", 1}, {"Index", "secret", 1},
		{"OldLeaf", "secret", 1}, {"NewLeaf", "secret", 1}, {"Siblings", "secret", stateupdate.Depth}}
	if len(fields) != len(want) {
		t.Fatalf("schema %v", fields)
	}
	for i := range want {
		if fields[i] != want[i] {
			t.Fatalf("field %d: %v, want %v", i, fields[i], want[i])
		}
	}
	c := sample.(*stateupdate.Circuit)
	values := w.Vector().(fr.Vector)
	checks := map[int]frontend.Variable{0: c.OldRoot, 1: c.NewRoot, 2: c.Index, 3: c.OldLeaf, 4: c.NewLeaf,
		5: c.Siblings[0], 5 + stateupdate.Depth - 1: c.Siblings[stateupdate.Depth-1]}
	for pos, v := range checks {
		var e fr.Element
		if _, err := e.SetInterface(v); err != nil {
			t.Fatal(err)
		}
		if !values[pos].Equal(&e) {
			t.Fatalf("witness position %d holds %s, want %s", pos, values[pos].String(), e.String())
		}
	}
}

// The node's preset for more than one listed market (Java Capacities.TINY_M8_L2_Q1_OWNER) is not
// among the listed names (CI does not compile every preset twice) but resolves by its name, which
// Java computes the same way, and the key store's check of a key set (its sample) satisfies it.
func TestTheEightMarketRowPresetResolvesByName(t *testing.T) {
	name := settlement.Name(ledger.TinyM8L2Q1Owner)
	if name != "settlement-m8-k1-a2-d2-o2-t1-w1-l2-q1-owner" {
		t.Fatalf("name %s", name)
	}
	blank, err := catalog.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	if c := blank.(*settlement.Circuit); len(c.Markets) != 8 {
		t.Fatalf("%d market rows", len(c.Markets))
	}
	sample, err := catalog.Sample(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := test.IsSolved(blank, sample, ecc.BN254.ScalarField()); err != nil {
		t.Fatalf("sample not solved: %v", err)
	}
}
