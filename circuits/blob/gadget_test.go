package blob

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	blsfr "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/test"

	"sable/circuits/layout"
)

// honest is an owner-data-sized batch (two changed accounts, 13 elements each) and its opening;
// its first elements sit at asScalar's bound: r - 1, and r's top limb with low bits 0.
func honest(t *testing.T) ([]fr.Element, Opening) {
	t.Helper()
	d := randomData(11, 26)
	d[0].SetBigInt(new(big.Int).Sub(fr.Modulus(), big.NewInt(1)))
	d[1].SetBigInt(new(big.Int).Lsh(bnTop, 3*limbBits))
	o, err := Open(d, layout.Commitment(d))
	if err != nil {
		t.Fatal(err)
	}
	return d, o
}

func solved(d []fr.Element, a *Circuit) error {
	return test.IsSolved(NewCircuit(len(d)), a, ecc.BN254.ScalarField())
}

func plusOne(v frontend.Variable) fr.Element {
	e := v.(fr.Element)
	return *e.Add(&e, new(fr.Element).SetOne())
}

func TestHonestBlobBindingIsSatisfied(t *testing.T) {
	d, o := honest(t)
	if err := solved(d, Assignment(d, o)); err != nil {
		t.Fatal(err)
	}
}

// Each forgery keeps everything else honest; the bridge's half (blobhash and the precompile)
// would accept the public (vh, z, y), so only the circuit stands between it and the lie.
func TestForgedBlobBindingsAreUnsatisfied(t *testing.T) {
	d, o := honest(t)
	other := randomData(12, 26)
	otherOpening, err := Open(other, layout.Commitment(d))
	if err != nil {
		t.Fatal(err)
	}
	for name, forge := range map[string]func(a *Circuit){
		// The blob holds d, the proof claims d with one element changed: c and z recomputed for
		// the claimed data, y the blob's true value at that z (so the precompile accepts it).
		// Only the evaluation can catch it.
		"a changed element": func(a *Circuit) {
			changed := append([]fr.Element{}, d...)
			changed[7] = plusOne(a.D[7])
			a.D[7], a.C = changed[7], layout.Commitment(changed)
			z := Challenge(layout.Commitment(changed), o.VersionedHash)
			y, err := Evaluate(d, toBLS(z))
			if err != nil {
				t.Fatal(err)
			}
			a.Z = z
			a.Y[0], a.Y[1] = Halves(y.Bytes())
		},
		// z not drawn from (c, vh): a prover free to pick z could pick one where both agree.
		"a wrong z":             func(a *Circuit) { a.Z = plusOne(a.Z) },
		"y one off":             func(a *Circuit) { a.Y[1] = plusOne(a.Y[1]) },
		"y's high half one off": func(a *Circuit) { a.Y[0] = plusOne(a.Y[0]) },
		// Another blob (its own versioned hash, z and y, all honest for that blob) claimed for
		// these data.
		"another blob's opening": func(a *Circuit) {
			forged := Assignment(other, otherOpening)
			a.VersionedHash, a.Z, a.Y = forged.VersionedHash, forged.Z, forged.Y
		},
		// The versioned hash alone swapped (so z no longer is its challenge).
		"another blob's versioned hash": func(a *Circuit) {
			a.VersionedHash[0], a.VersionedHash[1] = Halves(otherOpening.VersionedHash)
		},
	} {
		t.Run(name, func(t *testing.T) {
			a := Assignment(d, o)
			forge(a)
			err := solved(d, a)
			if err == nil {
				t.Fatal("forged binding satisfied")
			}
			t.Log(err)
		})
	}
}

// The compiled R1CS (what Groth16 proves) holds the same: the honest witness solves it, a changed
// element does not.
func TestCompiledBlobBindingSolves(t *testing.T) {
	d, o := honest(t)
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, NewCircuit(len(d)))
	if err != nil {
		t.Fatal(err)
	}
	for name, a := range map[string]*Circuit{"honest": Assignment(d, o), "y one off": Assignment(d, o)} {
		if name == "y one off" {
			a.Y[1] = plusOne(a.Y[1])
		}
		w, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		err = ccs.IsSolved(w)
		if (err == nil) != (name == "honest") {
			t.Fatalf("%s: solver says %v", name, err)
		}
	}
}

// A blob holding d_3 + r (BN254's r) where the proof's data hold d_3: the same element in BN254's
// field, another scalar in the blob. The challenge and y are honest for that blob, and a
// malicious limbs hint reads d_3 as the limbs of d_3 + r (they recompose d_3 in BN254's field);
// only asScalar's bound (the limbs below r as an integer) refuses it.
func TestAnElementReadAboveRIsRefused(t *testing.T) {
	d := randomData(13, 13)
	var vh [32]byte
	vh[0], vh[31] = 1, 9 // any blob: the bridge would hand over the versioned hash of the one carried
	c := layout.Commitment(d)
	z := Challenge(c, vh)
	values := make([]blsfr.Element, len(d))
	for i := range d {
		values[i] = toBLS(d[i])
	}
	lifted := new(big.Int).Add(d[3].BigInt(new(big.Int)), fr.Modulus())
	values[3].SetBigInt(lifted)
	a := &Circuit{C: c, Z: z, D: make([]frontend.Variable, len(d))}
	a.VersionedHash[0], a.VersionedHash[1] = Halves(vh)
	y := evaluate(values, toBLS(z))
	a.Y[0], a.Y[1] = Halves(y.Bytes())
	for i := range d {
		a.D[i] = d[i]
	}
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, NewCircuit(len(d)))
	if err != nil {
		t.Fatal(err)
	}
	w, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	target := d[3].BigInt(new(big.Int))
	lift := func(mod *big.Int, in, out []*big.Int) error {
		v := in[0]
		if v.Cmp(target) == 0 {
			v = lifted
		}
		return limbsHint(mod, []*big.Int{v}, out)
	}
	err = ccs.IsSolved(w, solver.OverrideHint(solver.GetHintID(limbsHint), lift))
	if err == nil {
		t.Fatal("d_3 read as d_3 + r: satisfied")
	}
	t.Log(err)
	// The same witness without the lift fails too (the blob is not d's): the bound is what stops
	// the lifted reading, the evaluation what stops the honest one.
	if ccs.IsSolved(w) == nil {
		t.Fatal("the honest reading matches a blob holding d_3 + r")
	}
}
