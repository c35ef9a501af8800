package blob

import (
	"testing"

	blsfr "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	goethkzg "github.com/crate-crypto/go-eth-kzg"

	"sable/circuits/layout"
)

// The two slots' shares at the pair's challenge sum to the KZG library's p(z) for the packed blob
// (OpenPair fails otherwise), the opening verifies, and each share is EvaluateSlot's.
func TestSlotSharesSumToTheKZGLibrarysValue(t *testing.T) {
	for _, n := range [][2]int{{1, 1}, {13, 130}, {1716, 0}, {0, 1716}, {SlotSize, SlotSize}} {
		d0, d1 := randomData(uint64(n[0])+100, n[0]), randomData(uint64(n[1])+200, n[1])
		o, shares, err := OpenPair(d0, d1, layout.Commitment(d0), layout.Commitment(d1))
		if err != nil {
			t.Fatalf("%v: %v", n, err)
		}
		if err := Verify(o); err != nil {
			t.Fatalf("%v: the library refuses its own opening: %v", n, err)
		}
		if o.Z != PairChallenge(layout.Commitment(d0), layout.Commitment(d1), o.VersionedHash) {
			t.Fatalf("%v: z is not the pair's challenge", n)
		}
		y0, err := EvaluateSlot(d0, 0, toBLS(o.Z))
		if err != nil {
			t.Fatal(err)
		}
		y1, err := EvaluateSlot(d1, 1, toBLS(o.Z))
		if err != nil {
			t.Fatal(err)
		}
		if !y0.Equal(&shares[0]) || !y1.Equal(&shares[1]) {
			t.Fatalf("%v: OpenPair's shares are not EvaluateSlot's", n)
		}
		var sum blsfr.Element
		if sum.Add(&y0, &y1); !sum.Equal(&o.Y) {
			t.Fatalf("%v: y_0 + y_1 = %s, library %s", n, sum.String(), o.Y.String())
		}
	}
}

// The shares are not interchangeable: rows read in the other slot give another value, so a
// segment cannot claim the other slot.
func TestASlotsShareDependsOnTheSlot(t *testing.T) {
	d := randomData(300, 13)
	z := toBLS(PairChallenge(layout.Commitment(d), layout.Commitment(nil), [32]byte{1}))
	y0, _ := EvaluateSlot(d, 0, z)
	y1, _ := EvaluateSlot(d, 1, z)
	if y0.Equal(&y1) {
		t.Fatal("slot 0's and slot 1's shares of the same rows agree")
	}
}

// Slot 1's roots are slot 0's times w (w the primitive 4096th root, gnark-crypto's generator):
// root(2048 + i) = w root(i) for every i < 2048.
func TestSlotOneRootsAreSlotZerosTimesW(t *testing.T) {
	w, err := blsfr.Generator(Size)
	if err != nil {
		t.Fatal(err)
	}
	if r := slotRatio(); !r.Equal(&w) {
		t.Fatalf("slotRatio %s, w %s", r.String(), w.String())
	}
	for i := 0; i < SlotSize; i++ {
		v, want := Root(i), Root(SlotSize+i)
		if v.Mul(&v, &w); !v.Equal(&want) {
			t.Fatalf("root(%d) != w root(%d)", SlotSize+i, i)
		}
	}
}

func TestMoreThanASlotIsRefused(t *testing.T) {
	over, one := make([]fr.Element, SlotSize+1), make([]fr.Element, 1)
	if _, err := PackPair(over, one); err == nil {
		t.Fatal("2049 elements packed in slot 0")
	}
	if _, err := PackPair(one, over); err == nil {
		t.Fatal("2049 elements packed in slot 1")
	}
	if _, _, err := OpenPair(one, over, fr.Element{}, fr.Element{}); err == nil {
		t.Fatal("a pair with 2049 elements in slot 1 opened")
	}
	var z blsfr.Element
	z.SetUint64(5)
	for s := range 2 {
		if _, err := EvaluateSlot(over, s, z); err == nil {
			t.Fatalf("slot %d: 2049 elements evaluated", s)
		}
	}
	if _, err := EvaluateSlot(one, 2, z); err == nil {
		t.Fatal("slot 2 evaluated")
	}
}

// At a root of unity the blob's value is the element there: at slot 1's position 2048 + i, slot 1's
// share is its row i and slot 0's is 0, as the library says.
func TestSlotSharesAtARootOfUnity(t *testing.T) {
	d0, d1 := randomData(400, 13), randomData(401, 13)
	ctx, err := kzg()
	if err != nil {
		t.Fatal(err)
	}
	b, err := PackPair(d0, d1)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 5, 12} {
		w := Root(SlotSize + i)
		_, y, err := ctx.ComputeKZGProof(b, goethkzg.Scalar(w.Bytes()), 0)
		if err != nil {
			t.Fatal(err)
		}
		y0, _ := EvaluateSlot(d0, 0, w)
		y1, _ := EvaluateSlot(d1, 1, w)
		if want := toBLS(d1[i]); !y0.IsZero() || !y1.Equal(&want) || y1.Bytes() != [32]byte(y) {
			t.Fatalf("position %d: shares %s and %s, row %s, library %x", SlotSize+i, y0.String(), y1.String(), want.String(), y)
		}
	}
}
