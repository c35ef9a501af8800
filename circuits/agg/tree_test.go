package agg_test

import (
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/test"

	"sable/circuits/agg"
	"sable/circuits/gadget"
)

// standIn has an inner aggregate's statement without its inner proofs: public (C, Z, Y) bound to
// its data D exactly as an aggregate binds them (C = H(TAG_AGGREGATE, D), Y = sum D_j Z^j) and
// one Groth16 commitment, as the aggregate has. The upper level sees only the inner key's shape,
// the inner proofs and D_j, so this gives real keys and proofs of an aggregate's shape in
// milliseconds (the upper level's test-engine runs take the minutes); TestTreeOfTwoRealAggregates
// runs the same attacks on real inner aggregates.
type standIn struct {
	C, Z, Y frontend.Variable `gnark:",public"`
	D       []frontend.Variable
}

func (c *standIn) Define(api frontend.API) error {
	gadget.NewHasher(api).BindData(toBig(agg.TagAggregate), c.D, c.C, c.Z, c.Y)
	r, err := api.(frontend.Committer).Commit(c.D...)
	if err != nil {
		return err
	}
	api.AssertIsDifferent(r, 0)
	return nil
}

const standInLen = 6

// standInWorld is the stand-in's key and, for three data vectors, its proofs made with ProveInner
// (the upper level's hash-to-field), plus D_2's proof made for the Solidity verifier.
type standInWorld struct {
	vk          groth16.VerifyingKey
	inner       []agg.Segment
	forSolidity agg.Segment
}

var standIns built[standInWorld]

func setUpStandIns(t *testing.T) standInWorld {
	t.Helper()
	return standIns.get(t, buildStandIns)
}

func buildStandIns() (standInWorld, error) {
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &standIn{D: make([]frontend.Variable, standInLen)})
	if err != nil {
		return standInWorld{}, err
	}
	pk, vk, err := groth16.Setup(cs)
	if err != nil {
		return standInWorld{}, err
	}
	w := standInWorld{vk: vk}
	for i := range 3 {
		d := make([]fr.Element, standInLen)
		for j := range d {
			d[j].SetUint64(uint64(100*i + j + 1))
		}
		s, err := proveStandIn(cs, pk, d, agg.ProveInner)
		if err != nil {
			return standInWorld{}, err
		}
		w.inner = append(w.inner, s)
	}
	w.forSolidity, err = proveStandIn(cs, pk, w.inner[1].Data, proveForTheBridge)
	return w, err
}

func proveStandIn(cs constraint.ConstraintSystem, pk groth16.ProvingKey, d []fr.Element, prove prover) (agg.Segment, error) {
	public := agg.Bind(d)
	a := &standIn{C: toBig(public.Commitment), Z: toBig(public.Challenge), Y: toBig(public.Evaluation),
		D: make([]frontend.Variable, len(d))}
	for j := range d {
		a.D[j] = toBig(d[j])
	}
	full, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
	if err != nil {
		return agg.Segment{}, err
	}
	proof, err := prove(cs, pk, full)
	return agg.Segment{Data: d, Challenge: public.Challenge, Proof: proof}, err
}

// TestTreeOfTwoStandInAggregates is attackTree over stand-in inner aggregates: no big setup, but
// six test-engine runs of the upper level (~4 min at load 14), so only with SABLE_AGG_PROVE=1.
func TestTreeOfTwoStandInAggregates(t *testing.T) {
	gateProving(t)
	w := setUpStandIns(t)
	attackTree(t, w.vk, standInLen, w.inner, w.forSolidity)
}

// attackTree runs the upper level (m = 2) over inner aggregates of n elements each under vk:
// inner[0] and inner[1] honestly (accepted for the public inputs of a flat aggregate of their
// data), then each attack, which changes segment 2 or the order of the proofs. inner[2] is an
// inner aggregate of other data; forSolidity is inner[1]'s data proven for the Solidity verifier.
func attackTree(t *testing.T, vk groth16.VerifyingKey, n int, inner []agg.Segment, forSolidity agg.Segment) {
	t.Helper()
	solve := func(blank *agg.Circuit, segments []agg.Segment) error {
		a, err := agg.AssignWith(segments, honest(segments))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		err = test.IsSolved(blank, a, ecc.BN254.ScalarField())
		t.Logf("test engine, m = %d: %v", len(segments), time.Since(start).Round(time.Millisecond))
		return err
	}
	upper := func(segments []agg.Segment) error {
		blank, err := agg.NewUpper(vk, n, len(segments))
		if err != nil {
			t.Fatal(err)
		}
		return solve(blank, segments)
	}
	refused := func(what string, err error) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: accepted", what)
		} else {
			t.Logf("%s: refused: %.200s", what, err)
		}
	}

	if err := upper(inner[:2]); err != nil {
		t.Fatal("the honest tree:", err)
	}

	// D_2 changed (its last element), C, Z and Y recomputed honestly for the changed D: C_2 the
	// upper level computes is not the one D_2's proof was made for.
	changed := inner[1]
	changed.Data = append([]fr.Element(nil), changed.Data...)
	changed.Data[n-1].Add(&changed.Data[n-1], new(fr.Element).SetOne())
	refused("D_2 changed", upper([]agg.Segment{inner[0], changed}))

	// D = D_1 || D_2 with the two inner proofs swapped.
	first, second := inner[0], inner[1]
	first.Proof, first.Challenge, second.Proof, second.Challenge = second.Proof, second.Challenge, first.Proof, first.Challenge
	refused("inner proofs swapped", upper([]agg.Segment{first, second}))

	// The inner aggregate proof of other data (inner[2]'s) for D_2.
	another := inner[1]
	another.Proof, another.Challenge = inner[2].Proof, inner[2].Challenge
	refused("inner proof of another D", upper([]agg.Segment{inner[0], another}))

	// D_2's own proof, made with the Solidity verifier's hash-to-field: the commitment's wire it was
	// made for is not the one the upper level derives.
	refused("inner proof made for the Solidity verifier", upper([]agg.Segment{inner[0], forSolidity}))

	// The honest proofs under a flat aggregate's circuit (c_j = H(TAG_PUBDATA, D_j), a batch's tag):
	// the upper level's inner tag is the inner aggregate's.
	flat, err := agg.New(vk, n, 2)
	if err != nil {
		t.Fatal(err)
	}
	refused("the inner commitments under a batch's tag", solve(flat, inner[:2]))
}
