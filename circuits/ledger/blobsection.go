package ledger

import (
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/blob"
	"sable/circuits/layout"
)

// The blob section (Capacities.Blob; docs/bridge.md "Owner data in a blob"): the owner rows, 13
// per account row in table order (unused rows zero), are the data of one EIP-4844 blob instead of
// public data elements. In their place the public data holds the blob's versioned hash (two
// 128-bit halves), the challenge z = H(TAG_BLOB, H(TAG_PUBDATA, rows), vh_hi, vh_lo) and the
// blob's value y = p(z) (127 and 128 bits): the circuit shows its rows give y at z, the bridge
// that the blob the transaction carries does (blobhash and the point-evaluation precompile).

// BlobSectionLen is the number of public-data elements of the blob section: vh_hi, vh_lo, z,
// y_hi, y_lo.
const BlobSectionLen = 5

// BlobData is the data of a batch's blob: its owner rows, one after the other, zeros for the
// unused rows up to the capacity's account rows (the circuit commits to all of them).
func BlobData(rows [][OwnerRowLen]fr.Element, caps Capacities) []fr.Element {
	d := make([]fr.Element, OwnerRowLen*caps.Accounts)
	for i, row := range rows {
		copy(d[OwnerRowLen*i:], row[:])
	}
	return d
}

// BlobSection is the blob section of an opening: vh_hi, vh_lo, z, y_hi, y_lo.
func BlobSection(o blob.Opening) [BlobSectionLen]fr.Element {
	vhHi, vhLo := blob.Halves(o.VersionedHash)
	yHi, yLo := blob.Halves(o.Y.Bytes())
	return [BlobSectionLen]fr.Element{vhHi, vhLo, o.Z, yHi, yLo}
}

// openBlob opens the blob holding the batch's owner rows at the challenge its versioned hash
// and the rows' commitment give.
func (a *applier) openBlob() error {
	d := BlobData(a.ownerRows, a.caps)
	o, err := blob.Open(d, layout.Commitment(d))
	if err != nil {
		return err
	}
	a.w.Blob = &o
	return nil
}
