package settlement_test

import (
	"math/big"
	"strings"
	"testing"

	blsfr "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/batchgen"
	"sable/circuits/blob"
	"sable/circuits/layout"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// The blob-section tests run the owner-data scenario at the Owner capacities with the owner rows
// in a blob (Capacities.Blobs): the public data holds the blob's versioned hash, z and y instead
// of the rows, and each forgery below is a blob (or opening) an operator could post with an
// opening the point-evaluation precompile accepts, refused by the circuit.

var (
	blobbed = withBlobs(ledger.Owner, 1)
	// blobbed2 is Owner with 4 account rows in two blobs, 2 each: the scenario's batches 1 and 2
	// change 3 accounts, so blob 1 holds a used row and an unused one.
	blobbed2 = withBlobs(fourRows(ledger.Owner), 2)
)

func fourRows(c ledger.Capacities) ledger.Capacities {
	c.Accounts = 4
	return c
}

func withBlobs(c ledger.Capacities, k int) ledger.Capacities {
	c.Blobs = k
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

// postBlob makes the batch's public data and assignment say the owner rows are in the blobs of
// openings os, in that order: the blob sections and the public inputs bound to them, as an
// operator posting those blobs would.
func postBlob(a *settlement.Circuit, wit *ledger.Witness, os ...blob.Opening) {
	d := append([]fr.Element{}, wit.PublicData...)
	for j, o := range os {
		s := ledger.BlobSection(o)
		copy(d[blobSectionAt()+ledger.BlobSectionLen*j:], s[:])
		a.Blob[j] = settlement.Opening(o)
	}
	bind(a, d)
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
		o := wit.Blobs[0]
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
	postBlob(a, wit, other.Blobs[0])
	rejectedByBlob(t, a)
}

// y one off (the low half), the rest honest.
func TestBlobValueOffByOneRejected(t *testing.T) {
	wit, a := scenarioBatch(t, blobbed, 3)
	o := wit.Blobs[0]
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
	z := wit.Blobs[0].Z
	var one fr.Element
	one.SetOne()
	z.Add(&z, &one)
	postBlob(a, wit, valueAt(t, rows, wit.Blobs[0], z))
	rejected(t, a, "bindPublicData/ownerData")
}

// The blob section is named by "-blob" after "-owner" (k = 1) or "-blob<k>" and needs it; a
// layout whose blobs hold more than 315 rows each, or whose last blob would hold none, is refused.
func TestBlobCircuitNamesRoundTrip(t *testing.T) {
	for _, c := range []ledger.Capacities{ledger.TinyOwnerBlob, ledger.TinyOwnerBlob2, blobbed, blobbed2} {
		got, ok := settlement.ParseName(settlement.Name(c))
		if !ok || got != c {
			t.Fatalf("%s parses to %+v, %v", settlement.Name(c), got, ok)
		}
	}
	if settlement.Name(ledger.TinyOwnerBlob) != "settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob" ||
		settlement.Name(ledger.TinyOwnerBlob2) != "settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob2" {
		t.Fatal(settlement.Name(ledger.TinyOwnerBlob), settlement.Name(ledger.TinyOwnerBlob2))
	}
	for _, bad := range []string{"settlement-m1-k1-a2-d2-o2-t1-w1-blob", "settlement-m1-k1-a2-d2-o2-t1-w1-blob-owner",
		"settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob-blob", "settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob1",
		"settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob0", "settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob3",
		"settlement-m1-k1-a2-d2-o2-t1-w1-blob2", "settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob2x"} {
		if _, ok := settlement.ParseName(bad); ok {
			t.Fatalf("%s parsed", bad)
		}
	}
	for _, c := range []ledger.Capacities{{Accounts: 316, OwnerData: true, Blobs: 1},
		{Accounts: 631, OwnerData: true, Blobs: 2}, {Accounts: 4, OwnerData: true, Blobs: 3}} {
		if c.CheckBlobs() == nil {
			t.Fatalf("%d rows in %d blobs accepted", c.Accounts, c.Blobs)
		}
	}
	if c := (ledger.Capacities{Accounts: 630, OwnerData: true, Blobs: 2}); c.CheckBlobs() != nil || c.BlobRowsPer() != 315 {
		t.Fatalf("630 rows in 2 blobs: %v, %d per blob", c.CheckBlobs(), c.BlobRowsPer())
	}
}

// Two blobs (4 rows, 2 each): the public data ends with one section per blob; blob j holds rows
// 2j and 2j+1 of the calldata circuit's rows, opened at z_j = H(TAG_BLOB, H(TAG_PUBDATA,
// all rows), vh_j) with an opening the precompile accepts; the circuit accepts the batch, and the
// two-blob Tiny circuit its sample batch.
func TestTwoBlobsHoldTheCalldataRowsInOrder(t *testing.T) {
	for n := 1; n <= 3; n += 2 {
		wit, a := scenarioBatch(t, blobbed2, n)
		calldata, _ := scenarioBatch(t, fourRows(ledger.Owner), n)
		at := blobSectionAt()
		if len(wit.PublicData) != at+2*ledger.BlobSectionLen || len(wit.Blobs) != 2 {
			t.Fatalf("batch %d: public data of %d elements, %d blobs", n, len(wit.PublicData), len(wit.Blobs))
		}
		if !equal(wit.PublicData[:at], calldata.PublicData[:at]) {
			t.Fatalf("batch %d: the public data before the blob sections differs from the calldata circuit's", n)
		}
		rows := calldata.PublicData[at:]
		for j, o := range wit.Blobs {
			want, err := blob.Open(rows[2*ledger.OwnerRowLen*j:2*ledger.OwnerRowLen*(j+1)], layout.Commitment(rows))
			if err != nil {
				t.Fatal(err)
			}
			if o.VersionedHash != want.VersionedHash || o.Z != want.Z || !o.Y.Equal(&want.Y) {
				t.Fatalf("batch %d: blob %d does not hold rows %d and %d", n, j, 2*j, 2*j+1)
			}
			if err := blob.Verify(o); err != nil {
				t.Fatalf("batch %d: blob %d's opening refused: %v", n, j, err)
			}
			s := ledger.BlobSection(o)
			if !equal(wit.PublicData[at+ledger.BlobSectionLen*j:at+ledger.BlobSectionLen*(j+1)], s[:]) {
				t.Fatalf("batch %d: blob %d's section is not its opening's", n, j)
			}
		}
		if wit.Blobs[0].VersionedHash == wit.Blobs[1].VersionedHash {
			t.Fatalf("batch %d: both blobs hold the same data", n)
		}
		solved(t, a)
	}
	sample, err := settlement.Sample(ledger.TinyOwnerBlob2)
	if err != nil {
		t.Fatal(err)
	}
	solved(t, sample)
}

// twoBlobRows is batch 2 at blobbed2 (rows 0 and 1 in blob 0, row 2 in blob 1, row 3 unused)
// with the calldata twin's rows (both blobs' data together).
func twoBlobRows(t *testing.T) (*ledger.Witness, *settlement.Circuit, []fr.Element) {
	t.Helper()
	wit, a := scenarioBatch(t, blobbed2, 2)
	calldata, _ := scenarioBatch(t, fourRows(ledger.Owner), 2)
	return wit, a, calldata.PublicData[blobSectionAt():]
}

// forgedOpening opens a blob holding d at the challenge the circuit draws for it (its own rows'
// commitment c and the forged blob's versioned hash), y that blob's true value there: an opening
// the precompile accepts.
func forgedOpening(t *testing.T, d []fr.Element, c fr.Element) blob.Opening {
	t.Helper()
	o, err := blob.Open(d, c)
	if err != nil {
		t.Fatal(err)
	}
	return valueAt(t, d, o, blob.Challenge(c, o.VersionedHash))
}

// A used row of blob 0 moved to an unused row of blob 1 (blob 0 zero there): both blobs opened
// honestly at the circuit's challenges. Refused: blob 0's rows no longer give its y.
func TestRowMovedToTheOtherBlobRejected(t *testing.T) {
	wit, a, rows := twoBlobRows(t)
	const w = ledger.OwnerRowLen
	if rows[w*1].IsZero() || rows[w*2].IsZero() || !rows[w*3].IsZero() {
		t.Fatal("batch 2 does not use rows 1 and 2 and leave row 3 unused")
	}
	moved := append([]fr.Element{}, rows...)
	copy(moved[w*3:w*4], rows[w*1:w*2])
	for i := w * 1; i < w*2; i++ {
		moved[i].SetZero()
	}
	c := layout.Commitment(rows)
	postBlob(a, wit, forgedOpening(t, moved[:2*w], c), forgedOpening(t, moved[2*w:], c))
	rejectedByBlob(t, a)
}

// The two blobs swapped: blob 1's section first, blob 0's second, each opening honest for its blob
// (z_j depends on the blob's versioned hash and all rows, so both are still the circuit's
// challenges, and a transaction carrying the blobs in swapped order passes the precompile).
// Refused: blob 0's rows do not give blob 1's y.
func TestTwoBlobsSwappedRejected(t *testing.T) {
	wit, a, _ := twoBlobRows(t)
	postBlob(a, wit, wit.Blobs[1], wit.Blobs[0])
	rejectedByBlob(t, a)
}

// Blob 1's y one off (the low half); blob 0's section honest.
func TestWrongValueOfTheSecondBlobRejected(t *testing.T) {
	wit, a, _ := twoBlobRows(t)
	o := wit.Blobs[1]
	var one blsfr.Element
	one.SetOne()
	o.Y.Add(&o.Y, &one)
	postBlob(a, wit, wit.Blobs[0], o)
	rejectedByBlob(t, a)
}

// A blob that is not zero after its rows, opened honestly at the circuit's challenge: blob 1 with
// one non-zero element after its 2 rows; blob 0 holding all 4 rows (the one-blob layout) beside an
// honest blob 1. Both refused: the circuit's polynomial is zero past each blob's own rows.
func TestBlobWithANonzeroTailRejected(t *testing.T) {
	wit, a, rows := twoBlobRows(t)
	c := layout.Commitment(rows)
	tail := append(append([]fr.Element{}, rows[2*ledger.OwnerRowLen:]...), fr.NewElement(1))
	postBlob(a, wit, wit.Blobs[0], forgedOpening(t, tail, c))
	rejectedByBlob(t, a)

	wit, a, _ = twoBlobRows(t)
	postBlob(a, wit, forgedOpening(t, rows, c), wit.Blobs[1])
	rejectedByBlob(t, a)
}
