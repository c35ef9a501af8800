package keystore

import (
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"sable/circuits/agg"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

type square struct {
	X frontend.Variable `gnark:",public"`
	Y frontend.Variable
}

func (c *square) Define(api frontend.API) error {
	api.AssertIsEqual(api.Mul(c.Y, c.Y), c.X)
	return nil
}

// An aggregate's key pair read from disk is checked by the setup's points both keys carry: a
// pair from one setup passes, a proving key with another setup's verifying key (of the same
// circuit) is refused.
func TestAggregateKeysFromDifferentSetupsAreRefused(t *testing.T) {
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &square{})
	if err != nil {
		t.Fatal(err)
	}
	pk1, vk1, err := groth16.Setup(cs)
	if err != nil {
		t.Fatal(err)
	}
	_, vk2, err := groth16.Setup(cs)
	if err != nil {
		t.Fatal(err)
	}
	if err := sameSetup(pk1, vk1); err != nil {
		t.Fatalf("one setup's pair refused: %v", err)
	}
	if err := sameSetup(pk1, vk2); err == nil || !strings.Contains(err.Error(), "different setups") {
		t.Fatalf("two setups' keys: got %v", err)
	}
}

// OpenAggregate takes only a name agg.ParseName reads, over the keys of the settlement circuit it
// names, and says why before compiling anything.
func TestAggregateNamesAndInnerKeysAreChecked(t *testing.T) {
	tiny := &Keys{Name: settlement.Name(ledger.TinyOwnerBlob)}
	for _, c := range []struct{ name, want string }{
		{agg.Name(ledger.TinyOwner, 2), "aggregates proofs of " + settlement.Name(ledger.TinyOwner) + ", not of " + tiny.Name},
		{"agg0-" + tiny.Name, "positive integer"},
		{tiny.Name, "is not an aggregate name"},
		{"agg2-settlement-nonsense", "is not a settlement circuit name"},
	} {
		if _, err := OpenAggregate(c.name, tiny, t.TempDir(), Policy{DevelopmentSetup: true}); err == nil ||
			!strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.name, err, c.want)
		}
	}
}
