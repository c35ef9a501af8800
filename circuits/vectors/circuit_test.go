package vectors_test

import (
	"testing"

	tedwards "github.com/consensys/gnark-crypto/ecc/twistededwards"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/twistededwards"
	p2hash "github.com/consensys/gnark/std/hash/poseidon2"
	"github.com/consensys/gnark/std/signature/eddsa"
	"github.com/consensys/gnark/test"

	"sable/circuits/smt"
	"sable/circuits/stateupdate"
	"sable/circuits/vectors"
)

// sigCircuit verifies one EdDSA signature on a field element, with the Poseidon2 challenge hash,
// as the batch circuit will for orders, cancels and withdrawals.
type sigCircuit struct {
	PubKey eddsa.PublicKey
	Sig    eddsa.Signature
	Msg    frontend.Variable
}

func (c *sigCircuit) Define(api frontend.API) error {
	curve, err := twistededwards.NewEdCurve(api, tedwards.BN254)
	if err != nil {
		return err
	}
	h, err := p2hash.New(api)
	if err != nil {
		return err
	}
	return eddsa.Verify(curve, c.Sig, c.Msg, c.PubKey, h)
}

// TestJavaMadeInCircuit solves the state-update circuit with every Merkle update Java made, and a
// signature circuit with every signature Java made; tampered copies must not solve.
func TestJavaMadeInCircuit(t *testing.T) {
	field := ecc.BN254.ScalarField()
	var updates, sigs int
	for _, r := range readJava(t) {
		switch r.Kind {
		case "smt.update":
			if vectors.ParseInt(r.Get("depth")) != stateupdate.Depth {
				continue
			}
			updates++
			a := updateAssignment(r)
			if err := test.IsSolved(&stateupdate.Circuit{}, a, field); err != nil {
				t.Errorf("Java update rejected by the circuit: %v\n%s", err, r)
			}
			a.NewLeaf = fr.NewElement(12345)
			if err := test.IsSolved(&stateupdate.Circuit{}, a, field); err == nil {
				t.Errorf("circuit accepted a tampered Java update: %s", r)
			}
		case "eddsa.sig":
			sigs++
			a := &sigCircuit{Msg: vectors.ParseFe(r.Get("msg"))}
			a.PubKey.Assign(tedwards.BN254, vectors.ParseBytes(r.Get("pub")))
			a.Sig.Assign(tedwards.BN254, vectors.ParseBytes(r.Get("sig")))
			if err := test.IsSolved(&sigCircuit{}, a, field); err != nil {
				t.Errorf("Java signature rejected by the circuit: %v\n%s", err, r)
			}
			var other fr.Element
			other.SetOne().Add(&other, new(fr.Element).SetBytes(vectors.ParseBytes(r.Get("msg"))))
			a.Msg = other
			if err := test.IsSolved(&sigCircuit{}, a, field); err == nil {
				t.Errorf("circuit accepted a Java signature on another message: %s", r)
			}
		}
	}
	if updates == 0 || sigs == 0 {
		t.Fatalf("java.txt has %d depth-%d updates and %d signatures", updates, stateupdate.Depth, sigs)
	}
}

func updateAssignment(r vectors.Record) *stateupdate.Circuit {
	return stateupdate.Assign(smt.Update{
		Index:   uint64(vectors.ParseInt(r.Get("index"))),
		OldLeaf: vectors.ParseFe(r.Get("old")), NewLeaf: vectors.ParseFe(r.Get("new")),
		OldRoot: vectors.ParseFe(r.Get("oldroot")), NewRoot: vectors.ParseFe(r.Get("newroot")),
		Siblings: vectors.ParseFes(r.Get("siblings")),
	})
}
