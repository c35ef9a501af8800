package blob

import (
	"math/big"
	"math/rand/v2"
	"testing"

	blsfr "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	goethkzg "github.com/crate-crypto/go-eth-kzg"

	"sable/circuits/layout"
)

// randomData is n random BN254 elements (full width, like leaf hashes and ciphertexts).
func randomData(seed uint64, n int) []fr.Element {
	rng := rand.New(rand.NewPCG(seed, 7))
	d := make([]fr.Element, n)
	for i := range d {
		d[i].SetUint64(rng.Uint64())
		var x fr.Element
		x.SetUint64(rng.Uint64())
		d[i].Mul(&d[i], &x).Mul(&d[i], &x).Mul(&d[i], &x) // spread over the whole field
	}
	return d
}

func TestEvaluationAgreesWithTheKZGLibrary(t *testing.T) {
	for _, n := range []int{1, 13, 130, Size} {
		d := randomData(uint64(n), n)
		o, err := Open(d, layout.Commitment(d)) // fails unless Evaluate's y is the library's
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if err := Verify(o); err != nil {
			t.Fatalf("n=%d: the library refuses its own opening: %v", n, err)
		}
		var z blsfr.Element
		z.SetBigInt(o.Z.BigInt(new(big.Int)))
		if y, _ := Evaluate(d, z); !y.Equal(&o.Y) {
			t.Fatalf("n=%d: Evaluate %s, library %s", n, y.String(), o.Y.String())
		}
	}
}

func TestEvaluationAtARootOfUnityIsTheElementThere(t *testing.T) {
	d := randomData(3, 13)
	ctx, err := kzg()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Pack(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 5, 12, 13, Size - 1} {
		w := Root(i)
		_, y, err := ctx.ComputeKZGProof(b, goethkzg.Scalar(w.Bytes()), 0)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Evaluate(d, w)
		if err != nil {
			t.Fatal(err)
		}
		if got.Bytes() != [32]byte(y) {
			t.Fatalf("position %d: Evaluate %s, library %x", i, got.String(), y)
		}
	}
}

func TestTheLibraryRefusesAForgedOpening(t *testing.T) {
	d := randomData(4, 13)
	o, err := Open(d, layout.Commitment(d))
	if err != nil {
		t.Fatal(err)
	}
	wrongY := o
	wrongY.Y.Add(&wrongY.Y, new(blsfr.Element).SetOne())
	if Verify(wrongY) == nil {
		t.Fatal("y + 1 verified")
	}
	other, err := Open(randomData(5, 13), layout.Commitment(d))
	if err != nil {
		t.Fatal(err)
	}
	otherBlob := o
	otherBlob.VersionedHash, otherBlob.Commitment = other.VersionedHash, other.Commitment
	if Verify(otherBlob) == nil {
		t.Fatal("an opening verified against another blob's commitment")
	}
}

func TestPackRefusesMoreThanABlob(t *testing.T) {
	if _, err := Pack(make([]fr.Element, Size+1)); err == nil {
		t.Fatal("4097 elements packed")
	}
}

// The cell proofs a type-3 transaction's sidecar carries verify for the blob's cells under its
// commitment, and not for another blob's cells.
func TestCellProofsVerifyForTheirBlobOnly(t *testing.T) {
	ctx, err := kzg()
	if err != nil {
		t.Fatal(err)
	}
	d, other := randomData(6, 26), randomData(7, 26)
	proofs, err := CellProofs(d)
	if err != nil {
		t.Fatal(err)
	}
	o, err := Open(d, layout.Commitment(d))
	if err != nil {
		t.Fatal(err)
	}
	check := func(data []fr.Element) error {
		b, err := Pack(data)
		if err != nil {
			t.Fatal(err)
		}
		cells, err := ctx.ComputeCells(b, 0)
		if err != nil {
			t.Fatal(err)
		}
		commitments := make([]goethkzg.KZGCommitment, len(cells))
		indices := make([]uint64, len(cells))
		for i := range cells {
			commitments[i], indices[i] = o.Commitment, uint64(i)
		}
		return ctx.VerifyCellKZGProofBatch(commitments, indices, cells[:], proofs[:])
	}
	if err := check(d); err != nil {
		t.Fatalf("the blob's own cell proofs: %v", err)
	}
	if check(other) == nil {
		t.Fatal("the cell proofs verified for another blob's cells")
	}
}
