package gadget

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/test"

	"sable/circuits/smt"
)

var field = ecc.BN254.ScalarField()

type lessOrEqualCircuit struct{ A, B, Want frontend.Variable }

func (c *lessOrEqualCircuit) Define(api frontend.API) error {
	api.AssertIsEqual(LessOrEqual(api, c.A, c.B, 64), c.Want)
	return nil
}

func TestLessOrEqualOnSignedValues(t *testing.T) {
	max := int64(1<<63 - 1)
	for _, c := range [][2]int64{{0, 0}, {1, 0}, {0, 1}, {-5, 3}, {3, -5}, {-1 << 63, max}, {max, -1 << 62}, {-7, -7}} {
		want := 0
		if c[0] <= c[1] {
			want = 1
		}
		if err := test.IsSolved(&lessOrEqualCircuit{}, &lessOrEqualCircuit{A: c[0], B: c[1], Want: want}, field); err != nil {
			t.Errorf("%d <= %d: %v", c[0], c[1], err)
		}
		lie := func(_ *big.Int, _, out []*big.Int) error { out[0].SetInt64(int64(1 - want)); return nil }
		if test.IsSolved(&lessOrEqualCircuit{}, &lessOrEqualCircuit{A: c[0], B: c[1], Want: 1 - want}, field,
			test.WithReplacementHint(LessOrEqualHintID(), lie)) == nil {
			t.Errorf("%d <= %d: a lying hint was accepted", c[0], c[1])
		}
	}
}

type oneHotCircuit struct {
	Index, Gate frontend.Variable
	Want        [4]frontend.Variable
}

func (c *oneHotCircuit) Define(api frontend.API) error {
	for i, b := range OneHot(api, c.Index, c.Gate, 4) {
		api.AssertIsEqual(b, c.Want[i])
	}
	return nil
}

func TestOneHot(t *testing.T) {
	ok := []*oneHotCircuit{{Index: 2, Gate: 1, Want: [4]frontend.Variable{0, 0, 1, 0}},
		{Index: 3, Gate: 0, Want: [4]frontend.Variable{0, 0, 0, 0}}}
	for _, a := range ok {
		if err := test.IsSolved(&oneHotCircuit{}, a, field); err != nil {
			t.Errorf("%v: %v", a.Index, err)
		}
	}
	outside := &oneHotCircuit{Index: 4, Gate: 1, Want: [4]frontend.Variable{0, 0, 0, 0}}
	if test.IsSolved(&oneHotCircuit{}, outside, field) == nil {
		t.Error("an index outside the table was encoded")
	}
}

type divCeilCircuit struct{ Num, Den, Want frontend.Variable }

func (c *divCeilCircuit) Define(api frontend.API) error {
	api.AssertIsEqual(DivCeil(api, c.Num, c.Den, 64), c.Want)
	return nil
}

func TestDivCeilRoundsTowardPlusInfinity(t *testing.T) {
	for _, c := range [][3]int64{{10, 3, 4}, {9, 3, 3}, {-10, 3, -3}, {-9, 3, -3}, {0, 7, 0}, {-1, 1_000_000, 0}, {1, 1_000_000, 1}} {
		if err := test.IsSolved(&divCeilCircuit{}, &divCeilCircuit{Num: c[0], Den: c[1], Want: c[2]}, field); err != nil {
			t.Errorf("ceil(%d/%d): %v", c[0], c[1], err)
		}
		// The floor (one less, when inexact) must not pass.
		if c[0]%c[1] != 0 && test.IsSolved(&divCeilCircuit{}, &divCeilCircuit{Num: c[0], Den: c[1], Want: c[2] - 1}, field) == nil {
			t.Errorf("ceil(%d/%d) accepted %d", c[0], c[1], c[2]-1)
		}
	}
}

type merkleCircuit struct {
	Gate, Index, OldRoot, OldLeaf, NewLeaf, NewRoot frontend.Variable
	Siblings                                        [6]frontend.Variable
}

func (c *merkleCircuit) Define(api frontend.API) error {
	api.AssertIsEqual(NewHasher(api).MerkleUpdate(c.Gate, c.Index, c.OldRoot, c.OldLeaf, c.NewLeaf, c.Siblings[:]), c.NewRoot)
	return nil
}

// TestMerkleUpdateMatchesTheTree: the gadget's update is smt's, a wrong sibling fails, and with the
// gate off the root is unchanged whatever the path.
func TestMerkleUpdateMatchesTheTree(t *testing.T) {
	tree := smt.New(6)
	for i := uint64(0); i < 20; i++ {
		if _, err := tree.Set(i*3%64, fr.NewElement(100+i)); err != nil {
			t.Fatal(err)
		}
	}
	u, err := tree.Set(17, fr.NewElement(7))
	if err != nil {
		t.Fatal(err)
	}
	a := &merkleCircuit{Gate: 1, Index: u.Index, OldRoot: u.OldRoot, OldLeaf: u.OldLeaf, NewLeaf: u.NewLeaf, NewRoot: u.NewRoot}
	for i := range a.Siblings {
		a.Siblings[i] = u.Siblings[i]
	}
	if err := test.IsSolved(&merkleCircuit{}, a, field); err != nil {
		t.Fatal(err)
	}
	bad := *a
	bad.Siblings[2] = 1
	if test.IsSolved(&merkleCircuit{}, &bad, field) == nil {
		t.Fatal("a wrong sibling was accepted")
	}
	off := bad
	off.Gate, off.NewRoot = 0, u.OldRoot
	if err := test.IsSolved(&merkleCircuit{}, &off, field); err != nil {
		t.Fatalf("gate off: %v", err)
	}
}

type atMostCircuit struct{ X frontend.Variable }

func (c *atMostCircuit) Define(api frontend.API) error {
	assertBitsAtMost(api, Range(api, c.X, 10), big.NewInt(0b1011001101))
	return nil
}

// TestBitsAtMostAConstant: every 10-bit value is accepted exactly when it is at most the bound.
func TestBitsAtMostAConstant(t *testing.T) {
	bound := int64(0b1011001101)
	for x := int64(0); x < 1<<10; x++ {
		err := test.IsSolved(&atMostCircuit{}, &atMostCircuit{X: x}, field)
		if (err == nil) != (x <= bound) {
			t.Fatalf("%d <= %d: solved = %v", x, bound, err == nil)
		}
	}
}
