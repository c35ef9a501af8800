package ledger

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/blob"
	"sable/circuits/layout"
)

// The blob sections (Capacities.Blobs; docs/bridge.md "Owner data in a blob"): the owner rows, 13
// per account row in table order (unused rows zero), are the data of EIP-4844 blobs instead of
// public data elements: blob 0 holds the first BlobRowsPer rows, blob 1 the next, and so on. In
// their place the public data holds, per blob, its versioned hash (two 128-bit halves), the
// challenge z = H(TAG_BLOB, H(TAG_PUBDATA, all rows), vh_hi, vh_lo) and the blob's value y = p(z)
// (127 and 128 bits): the circuit shows each blob's own rows give its y at its z, the bridge that
// the blobs the transaction carries do (blobhash and the point-evaluation precompile).

// BlobSectionLen is the number of public-data elements of one blob's section: vh_hi, vh_lo, z,
// y_hi, y_lo.
const BlobSectionLen = 5

// BlobRowLimit is the most owner rows one blob holds (4096 elements, 13 per row: 315).
const BlobRowLimit = blob.Size / OwnerRowLen

// BlobRowsPer is the number of owner rows in each blob but the last (which may hold fewer):
// Accounts / Blobs rounded up, so row r is in blob r / BlobRowsPer.
func (c Capacities) BlobRowsPer() int {
	return (c.Accounts + c.Blobs - 1) / c.Blobs
}

// CheckBlobs refuses a blob count the layout cannot have: blobs without the owner-data section,
// more rows per blob than a blob holds, or a blob that would hold no row.
func (c Capacities) CheckBlobs() error {
	switch {
	case c.Blobs == 0:
		return nil
	case c.Blobs < 0 || !c.OwnerData:
		return fmt.Errorf("a blob section needs the owner-data section (blobs %d)", c.Blobs)
	case c.BlobRowsPer() > BlobRowLimit:
		return fmt.Errorf("%d account rows in %d blobs: %d rows per blob, a blob holds %d",
			c.Accounts, c.Blobs, c.BlobRowsPer(), BlobRowLimit)
	case (c.Blobs-1)*c.BlobRowsPer() >= c.Accounts:
		return fmt.Errorf("%d account rows in %d blobs: the last blob would hold no row", c.Accounts, c.Blobs)
	}
	return nil
}

// BlobData is the data of a batch's blobs together: its owner rows, one after the other, zeros for
// the unused rows up to the capacity's account rows (the circuit commits to all of them).
func BlobData(rows [][OwnerRowLen]fr.Element, caps Capacities) []fr.Element {
	d := make([]fr.Element, OwnerRowLen*caps.Accounts)
	for i, row := range rows {
		copy(d[OwnerRowLen*i:], row[:])
	}
	return d
}

// BlobParts splits BlobData's d (or the circuit's rows) into each blob's data, in blob order.
func BlobParts[E any](d []E, caps Capacities) [][]E {
	per := OwnerRowLen * caps.BlobRowsPer()
	parts := make([][]E, caps.Blobs)
	for j := range parts {
		parts[j] = d[min(per*j, len(d)):min(per*(j+1), len(d))]
	}
	return parts
}

// BlobSection is the blob section of an opening: vh_hi, vh_lo, z, y_hi, y_lo.
func BlobSection(o blob.Opening) [BlobSectionLen]fr.Element {
	vhHi, vhLo := blob.Halves(o.VersionedHash)
	yHi, yLo := blob.Halves(o.Y.Bytes())
	return [BlobSectionLen]fr.Element{vhHi, vhLo, o.Z, yHi, yLo}
}

// openBlobs opens each blob holding the batch's owner rows at the challenge its versioned hash and
// the commitment to all rows give.
func (a *applier) openBlobs() error {
	d := BlobData(a.ownerRows, a.caps)
	c := layout.Commitment(d)
	for _, part := range BlobParts(d, a.caps) {
		o, err := blob.Open(part, c)
		if err != nil {
			return err
		}
		a.w.Blobs = append(a.w.Blobs, o)
	}
	return nil
}
