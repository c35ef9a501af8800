package ledger_test

import (
	"math/big"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards"

	"sable/circuits/layout"
	"sable/circuits/ledger"
)

// A batch of a circuit with the owner-data section needs a usable ephemeral scalar: none, 0, r
// and the subgroup order l (E the identity: every keystream public) are refused before anything
// is applied; the derived scalars are in 1..l-1, differ per batch number and per secret.
func TestOwnerDataNeedsAUsableEphemeralScalar(t *testing.T) {
	curve := twistededwards.GetEdwardsCurve()
	order := new(big.Int).Set(&curve.Order)
	for _, e := range []*big.Int{nil, big.NewInt(0), fr.Modulus(), order} {
		s, err := ledger.Genesis(layout.Domain{ChainID: 1}, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = s.Apply(ledger.Batch{Number: 1, Ephemeral: e}, ledger.TinyOwner)
		if err == nil || !strings.Contains(err.Error(), "owner data") {
			t.Fatalf("scalar %v accepted: %v", e, err)
		}
	}
	seen := map[string]bool{}
	for _, secret := range []string{"operator-a", "operator-b"} {
		for n := int64(1); n <= 50; n++ {
			e := ledger.EphemeralScalar([]byte(secret), n)
			if e.Sign() <= 0 || e.Cmp(order) >= 0 || seen[e.String()] {
				t.Fatalf("secret %s batch %d: scalar %v out of range or repeated", secret, n, e)
			}
			seen[e.String()] = true
			if err := ledger.CheckEphemeral(e); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Without the section the scalar is not asked for, and the layout is the one before it.
	s, _ := ledger.Genesis(layout.Domain{ChainID: 1}, nil)
	w, _, err := s.Apply(ledger.Batch{Number: 1}, ledger.Tiny)
	if err != nil || len(w.PublicData) != ledger.Tiny.OwnerDataAt() || w.Ephemeral != nil {
		t.Fatalf("a Tiny batch: %v, %d elements", err, len(w.PublicData))
	}
}
