package settlement_test

import (
	"math/big"
	"strings"
	"testing"

	blsfr "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/batchgen"
	"sable/circuits/blob"
	"sable/circuits/layout"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// The blob-section tests run the owner-data scenario at the Owner capacities with the owner rows
// in a blob (Capacities.Blob): the public data holds the blob's versioned hash, z and y instead
// of the rows, and each forgery below is a blob (or opening) an operator could post with an
// opening the point-evaluation precompile accepts, refused by the circuit.

var blobbed = withBlob(ledger.Owner)

func withBlob(c ledger.Capacities) ledger.Capacities {
	c.Blob = true
	return c
}

// scenarioBatch applies the owner scenario's first n-1 batches at caps and returns the n-th
// batch's witness and assignment.
func scenarioBatch(t *testing.T, caps ledger.Capacities, n int) (*ledger.Witness, *settlement.Circuit) {
	t.Helper()
	w := batchgen.NewWorld(caps, batchgen.BTC, batchgen.ETH)
	batches := batchgen.Scenario(w)
	var wit *ledger.Witness
	for i := 0; i < n; i++ {
		var violations []ledger.Violation
		var err error
		if wit, violations, err = w.Apply(batches[i]); err != nil || len(violations) > 0 {
			t.Fatalf("scenario batch %d: %v %v", i+1, err, violations)
		}
	}
	a, err := settlement.Assign(wit)
	if err != nil {
		t.Fatal(err)
	}
	return wit, a
}

// blobSectionAt is the offset of the blob section in the public data.
func blobSectionAt() int { return blobbed.OwnerDataAt() + ledger.OwnerHeaderLen }

// postBlob makes the batch's public data and assignment say the owner rows are in the blob of
// opening o: the blob section and the public inputs bound to it, as an operator posting that
// blob would.
func postBlob(a *settlement.Circuit, wit *ledger.Witness, o blob.Opening) {
	d := append([]fr.Element{}, wit.PublicData...)
	s := ledger.BlobSection(o)
	copy(d[blobSectionAt():], s[:])
	bind(a, d)
	a.Blob[0] = settlement.BlobOpening{VersionedHash: [2]frontend.Variable{s[0], s[1]}, Z: s[2],
		Value: [2]frontend.Variable{s[3], s[4]}}
}

// rejectedByBlob asserts that the circuit refuses an assignment at the blob binding: in the
// owner-data section (the challenge) or in the deferred checks of the emulated arithmetic, which
// only the blob binding uses in this circuit (blob.Bind's evaluation, checked when the circuit
// commits to its emulated products).
func rejectedByBlob(t *testing.T, a *settlement.Circuit) {
	t.Helper()
	err := isSolved(a)
	if err == nil {
		t.Fatal("forged blob accepted")
	}
	if !strings.Contains(err.Error(), "(*batch).ownerData\n") && !strings.Contains(err.Error(), "performDeferredChecks") {
		t.Fatalf("forged blob rejected, but not by the blob binding: %v", err)
	}
	report(t, "rejected", a.Caps())
}

// valueAt is the blob holding d opened at a z of the caller's choice: y is that blob's true value
// there, so a KZG proof of it exists and the precompile would accept the opening (the proof
// itself is left as o's: the circuit never sees it).
func valueAt(t *testing.T, d []fr.Element, o blob.Opening, z fr.Element) blob.Opening {
	t.Helper()
	var zb blsfr.Element
	zb.SetBigInt(z.BigInt(new(big.Int)))
	y, err := blob.Evaluate(d, zb)
	if err != nil {
		t.Fatal(err)
	}
	o.Z, o.Y = z, y
	return o
}

// The honest batch: the circuit accepts it; the public data is the calldata circuit's up to the
// owner header, then the blob section; the blob holds exactly the rows the calldata circuit
// publishes for the same batch, and its opening is one the precompile accepts.
func TestBlobSectionHoldsTheCalldataRows(t *testing.T) {
	for n := 1; n <= 3; n += 2 {
		wit, a := scenarioBatch(t, blobbed, n)
		calldata, _ := scenarioBatch(t, ledger.Owner, n)
		if len(wit.PublicData) != blobSectionAt()+ledger.BlobSectionLen {
			t.Fatalf("batch %d: public data of %d elements", n, len(wit.PublicData))
		}
		at := blobSectionAt()
		if !equal(wit.PublicData[:at], calldata.PublicData[:at]) {
			t.Fatalf("batch %d: the public data before the blob section differs from the calldata circuit's", n)
		}
		rows := calldata.PublicData[at:]
		o := *wit.Blob
		want, err := blob.Open(rows, layout.Commitment(rows))
		if err != nil {
			t.Fatal(err)
		}
		if o.VersionedHash != want.VersionedHash || o.Z != want.Z || !o.Y.Equal(&want.Y) {
			t.Fatalf("batch %d: the blob is not the calldata rows'", n)
		}
		if err := blob.Verify(o); err != nil {
			t.Fatalf("batch %d: opening refused: %v", n, err)
		}
		if s := ledger.BlobSection(o); !equal(wit.PublicData[at:], s[:]) {
			t.Fatalf("batch %d: blob section %v, opening %v", n, wit.PublicData[at:], s)
		}
		solved(t, a)
	}
}

// The blob holds the rows with alice's leaf replaced by her leaf before the batch; z is the
// circuit's challenge for that blob and y that blob's true value there (the precompile accepts
// it). Refused: the circuit's own rows do not give y.
func TestBlobWithAChangedRowRejected(t *testing.T) {
	wit, a := scenarioBatch(t, blobbed, 3)
	calldata, _ := scenarioBatch(t, ledger.Owner, 3)
	rows := calldata.PublicData[blobSectionAt():] // the honest rows, as the calldata twin publishes them
	forged := append([]fr.Element{}, rows...)
	forged[1] = wit.Accounts[0].Account.Leaf() // row 0's leaf: alice's before the batch
	o, err := blob.Open(forged, layout.Commitment(forged))
	if err != nil {
		t.Fatal(err)
	}
	o = valueAt(t, forged, o, blob.Challenge(layout.Commitment(rows), o.VersionedHash))
	postBlob(a, wit, o)
	rejectedByBlob(t, a)
}

// Another blob's versioned hash, z and y, all honest for that blob (batch 2's rows).
func TestAnotherBlobRejected(t *testing.T) {
	wit, a := scenarioBatch(t, blobbed, 3)
	other, _ := scenarioBatch(t, blobbed, 2)
	postBlob(a, wit, *other.Blob)
	rejectedByBlob(t, a)
}

// y one off (the low half), the rest honest.
func TestBlobValueOffByOneRejected(t *testing.T) {
	wit, a := scenarioBatch(t, blobbed, 3)
	o := *wit.Blob
	var one blsfr.Element
	one.SetOne()
	o.Y.Add(&o.Y, &one)
	postBlob(a, wit, o)
	rejectedByBlob(t, a)
}

// z not the challenge: z + 1, with y the blob's true value there (the precompile accepts it).
func TestBlobPointNotTheChallengeRejected(t *testing.T) {
	wit, a := scenarioBatch(t, blobbed, 3)
	calldata, _ := scenarioBatch(t, ledger.Owner, 3)
	rows := calldata.PublicData[blobSectionAt():]
	z := wit.Blob.Z
	var one fr.Element
	one.SetOne()
	z.Add(&z, &one)
	postBlob(a, wit, valueAt(t, rows, *wit.Blob, z))
	rejected(t, a, "bindPublicData/ownerData")
}

// The blob section is named by "-blob" after "-owner" and needs it.
func TestBlobCircuitNamesRoundTrip(t *testing.T) {
	for _, c := range []ledger.Capacities{ledger.TinyOwnerBlob, blobbed} {
		got, ok := settlement.ParseName(settlement.Name(c))
		if !ok || got != c {
			t.Fatalf("%s parses to %+v, %v", settlement.Name(c), got, ok)
		}
	}
	if settlement.Name(ledger.TinyOwnerBlob) != "settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob" {
		t.Fatal(settlement.Name(ledger.TinyOwnerBlob))
	}
	for _, bad := range []string{"settlement-m1-k1-a2-d2-o2-t1-w1-blob", "settlement-m1-k1-a2-d2-o2-t1-w1-blob-owner",
		"settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob-blob"} {
		if _, ok := settlement.ParseName(bad); ok {
			t.Fatalf("%s parsed", bad)
		}
	}
}
