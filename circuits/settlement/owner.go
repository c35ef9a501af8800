package settlement

import (
	"github.com/consensys/gnark/frontend"

	"sable/circuits/blob"
	"sable/circuits/ledger"
	"sable/circuits/ownerdata"
)

// ownerData is the owner-data section (docs/bridge.md, "Owner data"; ledger.OwnerRow): the new
// state's account root, market root and pools (with the batch time and deposit count, which d
// holds, they open the new state root), E = [e]B for the witness scalar e, then per account row
// 2^24 + account (0 unused), the leaf the row wrote, and its fields after the key encrypted under
// ECDH with the account's own key (ownerdata.Encryptor.Row; the keyless fund's in the clear; all
// zero for a row whose account does not exist after the batch). Every element is computed here
// from what the batch wrote, so a section that differs from it fails the commitment. With blob
// sections the rows are bound to the blobs instead, each blob's own rows (ledger.BlobParts) by
// blob.Bind at the challenge of its versioned hash and the commitment to all rows, and d holds
// each blob's opening.
func (b *batch) ownerData(accountsRoot, marketsRoot frontend.Variable) ([]frontend.Variable, error) {
	api := b.api
	x := ownerdata.NewEncryptor(api, b.h, b.c.Owner[0].Ephemeral)
	api.AssertIsDifferent(x.Ephemeral.X, 0) // E is not the identity: [e]A would be public
	d := []frontend.Variable{accountsRoot, marketsRoot, b.feePool, b.fundingPool, x.Ephemeral.X, x.Ephemeral.Y}
	var rows []frontend.Variable
	for _, r := range b.accountRows {
		a := r.a
		rows = append(rows, api.Mul(a.Used, api.Add(1<<ledger.AccountDepth, a.Index)), r.newLeaf)
		for _, c := range x.Row(a.Key, b.c.Header.BatchNumber, a.Index, r.plain) {
			rows = append(rows, api.Mul(r.existsEnd, c))
		}
	}
	caps := b.c.Caps()
	if caps.Blobs == 0 {
		return append(d, rows...), nil
	}
	c := b.h.Hash(append([]frontend.Variable{tagPublicData}, rows...)...)
	for j, part := range ledger.BlobParts(rows, caps) {
		o := &b.c.Blob[j]
		if err := blob.Bind(api, b.h, part, c, o.VersionedHash, o.Z, o.Value); err != nil {
			return nil, err
		}
		d = append(d, o.VersionedHash[0], o.VersionedHash[1], o.Z, o.Value[0], o.Value[1])
	}
	return d, nil
}
