package ledger

import (
	"crypto/sha256"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards"

	"sable/circuits/layout"
	"sable/circuits/smt"
)

// The owner-data section (issue 10 item 4; docs/bridge.md, "Owner data"): what a batch publishes
// so that an account's owner, and only its owner, can rebuild its leaf from L1 alone. The
// decryption side and the circuit gadget are in package ownerdata.
//
// Encryption: the operator picks an ephemeral scalar e per batch and publishes E = [e]B. For an
// account with key A, the shared point is S = [e]A, which the owner computes as [s]E from its
// secret scalar s (A = [s]B). The key k = H(TAG_OWNER, S.x, S.y, batchNumber, account) and the
// keystream k_i = Compress(k, i) give ciphertext c_i = p_i + k_i (mod r) for the 11 plaintext
// elements p = (blinding, word, fillsRoot, slot_0..slot_7). The batch number and the account index
// make every keystream unique even if the operator reused e or two accounts shared a key. The
// keyless insurance fund (key (0, 0)) has keystream 0: its contents are public anyway.

// OwnerElements is the number of encrypted elements per account: blinding, word, fillsRoot, 8 slots.
const OwnerElements = 3 + PositionSlots

// OwnerRowLen is the number of public-data elements per account row: 2^24 + account (0 when the
// row is unused), the leaf, the ciphertext.
const OwnerRowLen = 2 + OwnerElements

// OwnerHeaderLen is the number of owner-data elements before the rows: the new state's account
// root, market root, fee pool and funding pool (so that anyone can open the state root), and E.
const OwnerHeaderLen = 6

// TagOwner separates the owner-data key derivation from every other hash.
var TagOwner = layout.Tag("sable.owner.v1")

// Plaintext is what an account row encrypts: the leaf's fields the owner does not know already.
func Plaintext(a *Account) [OwnerElements]fr.Element {
	p := [OwnerElements]fr.Element{a.Blinding, a.Word(), a.FillsRoot}
	for i, s := range a.Slots {
		p[3+i] = s.Encode()
	}
	return p
}

// Ephemeral is E = [e]B. The scalar e is a witness element of the circuit: below r.
func Ephemeral(e *big.Int) Key {
	params := twistededwards.GetEdwardsCurve()
	var p twistededwards.PointAffine
	p.ScalarMultiplication(&params.Base, e)
	return Key{X: p.X, Y: p.Y}
}

// CheckEphemeral refuses a scalar the circuit cannot take (not below r) or whose E is the
// identity (a multiple of the subgroup order: every keystream would be public).
func CheckEphemeral(e *big.Int) error {
	if e == nil || e.Sign() <= 0 || e.Cmp(fr.Modulus()) >= 0 {
		return fmt.Errorf("ephemeral scalar %v outside 1..r-1", e)
	}
	if E := Ephemeral(e); E.X.IsZero() {
		return fmt.Errorf("ephemeral scalar %v gives the identity", e)
	}
	return nil
}

// Keystream is k_0..k_10 for the shared point S of an account row in a batch.
func Keystream(shared Key, batch, account int64) [OwnerElements]fr.Element {
	k := layout.Hash(TagOwner, shared.X, shared.Y, layout.Int(batch), layout.Int(account))
	var out [OwnerElements]fr.Element
	for i := range out {
		out[i] = smt.Compress(k, fr.NewElement(uint64(i)))
	}
	return out
}

// SharedKeystream is the keystream of the shared point [scalar]point: the operator's [e]A, or the
// owner's [s]E.
func SharedKeystream(point Key, scalar *big.Int, batch, account int64) [OwnerElements]fr.Element {
	var p, s twistededwards.PointAffine
	p.X, p.Y = point.X, point.Y
	s.ScalarMultiplication(&p, scalar)
	return Keystream(Key{X: s.X, Y: s.Y}, batch, account)
}

// Encrypt is the ciphertext of an account row: plaintext + keystream of S = [e]key, or the
// plaintext itself for a keyless account.
func Encrypt(e *big.Int, key Key, batch, account int64, plain [OwnerElements]fr.Element) [OwnerElements]fr.Element {
	if key == (Key{}) {
		return plain
	}
	ks := SharedKeystream(key, e, batch, account)
	var out [OwnerElements]fr.Element
	for i := range out {
		out[i].Add(&plain[i], &ks[i])
	}
	return out
}

// OwnerRow is an account row's owner data: 2^24 + account, the new leaf and the ciphertext of the
// account after the batch; an account that does not exist after the batch (a refused deposit's
// row) publishes its tag and zeros.
func OwnerRow(e *big.Int, batch, index int64, a *Account, exists bool) [OwnerRowLen]fr.Element {
	var row [OwnerRowLen]fr.Element
	row[0] = layout.Int(1<<AccountDepth + index)
	if !exists {
		return row
	}
	row[1] = a.Leaf()
	cipher := Encrypt(e, a.Key, batch, index, Plaintext(a))
	copy(row[2:], cipher[:])
	return row
}

// EphemeralScalar is the batch's ephemeral scalar as the operator derives it from its owner-data
// secret: e = 1 + (SHA-256(secret || batch as 8 bytes big-endian) mod (l - 1)), l the subgroup
// order. A new e for every batch number, never the identity, unpredictable without the secret
// (docs/bridge.md, "The ephemeral scalar"); the circuit accepts any e.
func EphemeralScalar(secret []byte, batch int64) *big.Int {
	msg := append(append([]byte{}, secret...), byte(batch>>56), byte(batch>>48), byte(batch>>40),
		byte(batch>>32), byte(batch>>24), byte(batch>>16), byte(batch>>8), byte(batch))
	h := sha256.Sum256(msg)
	curve := twistededwards.GetEdwardsCurve()
	order := &curve.Order
	e := new(big.Int).Mod(new(big.Int).SetBytes(h[:]), new(big.Int).Sub(order, big.NewInt(1)))
	return e.Add(e, big.NewInt(1))
}
