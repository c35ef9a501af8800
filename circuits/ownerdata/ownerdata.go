// Package ownerdata is the data a settlement batch publishes so that an account's owner, and only
// its owner, can rebuild its leaf from L1 alone (issue 10 item 4; docs/bridge.md, "Owner data"):
// for every account row, the leaf hash (hidden by the account's blinding: anyone rebuilds the
// account tree from these) and the leaf's contents encrypted to the account's key.
//
// Encryption: the operator picks an ephemeral scalar e per batch and publishes E = [e]B. For an
// account with key A, the shared point is S = [e]A, which the owner computes as [s]E from its
// secret scalar s (A = [s]B). The key k = H(TAG_OWNER, S.x, S.y, batchNumber, account) and the
// keystream k_i = Compress(k, i) give ciphertext c_i = p_i + k_i (mod r) for the 11 plaintext
// elements p = (blinding, word, fillsRoot, slot_0..slot_7). The batch number and the account index
// make every keystream unique even if the operator reused e or two accounts shared a key. The
// keyless insurance fund (key (0, 0)) has keystream 0: its contents are public anyway. The
// settlement circuit proves the ciphertexts (Encryptor), so an operator cannot publish data an
// owner cannot decrypt.
package ownerdata

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards/eddsa"

	"sable/circuits/layout"
	"sable/circuits/ledger"
	"sable/circuits/smt"
)

// Elements is the number of encrypted elements per account: blinding, word, fillsRoot, 8 slots.
const Elements = 3 + ledger.PositionSlots

// RowLen is the number of public-data elements per account row: 2^24 + account (0 when the row
// is unused), the leaf, the ciphertext.
const RowLen = 2 + Elements

// HeaderLen is the number of public-data elements before the rows: the new state's account root,
// market root, fee pool and funding pool (so that anyone can open the state root), and E.
const HeaderLen = 6

// TagOwner separates the owner-data key derivation from every other hash.
var TagOwner = layout.Tag("sable.owner.v1")

// Plaintext is what an account row encrypts: the leaf's fields the owner does not know already.
func Plaintext(a *ledger.Account) [Elements]fr.Element {
	p := [Elements]fr.Element{a.Blinding, a.Word(), a.FillsRoot}
	for i, s := range a.Slots {
		p[3+i] = s.Encode()
	}
	return p
}

// Ephemeral is E = [e]B. The scalar e is a witness element of the circuit: below r.
func Ephemeral(e *big.Int) ledger.Key {
	params := twistededwards.GetEdwardsCurve()
	var p twistededwards.PointAffine
	p.ScalarMultiplication(&params.Base, e)
	return ledger.Key{X: p.X, Y: p.Y}
}

// Keystream is k_0..k_10 for the shared point S of an account row in a batch.
func Keystream(shared ledger.Key, batch, account int64) [Elements]fr.Element {
	k := layout.Hash(TagOwner, shared.X, shared.Y, layout.Int(batch), layout.Int(account))
	var out [Elements]fr.Element
	for i := range out {
		out[i] = smt.Compress(k, fr.NewElement(uint64(i)))
	}
	return out
}

// Encrypt is the ciphertext of an account row: plaintext + keystream of S = [e]key, or the
// plaintext itself for a keyless account.
func Encrypt(e *big.Int, key ledger.Key, batch, account int64, plain [Elements]fr.Element) [Elements]fr.Element {
	if key == (ledger.Key{}) {
		return plain
	}
	ks := keystreamOf(key, e, batch, account)
	var out [Elements]fr.Element
	for i := range out {
		out[i].Add(&plain[i], &ks[i])
	}
	return out
}

// Decrypt recovers an account row's plaintext with the owner's secret scalar: S = [s]E.
func Decrypt(secret *big.Int, ephemeral ledger.Key, batch, account int64, cipher [Elements]fr.Element) [Elements]fr.Element {
	ks := keystreamOf(ephemeral, secret, batch, account)
	var out [Elements]fr.Element
	for i := range out {
		out[i].Sub(&cipher[i], &ks[i])
	}
	return out
}

// keystreamOf is the keystream of the shared point [scalar]point.
func keystreamOf(point ledger.Key, scalar *big.Int, batch, account int64) [Elements]fr.Element {
	var p, s twistededwards.PointAffine
	p.X, p.Y = point.X, point.Y
	s.ScalarMultiplication(&p, scalar)
	return Keystream(ledger.Key{X: s.X, Y: s.Y}, batch, account)
}

// Secret is the scalar s of a private key (A = [s]B): bytes 32..64 of gnark-crypto's
// PrivateKey.Bytes, big-endian.
func Secret(k *eddsa.PrivateKey) *big.Int {
	b := k.Bytes()
	return new(big.Int).SetBytes(b[32:64])
}

// Account rebuilds the account under key from a decrypted plaintext, refusing one that is not a
// leaf's encoding (a wrong key decrypts to noise).
func Account(key ledger.Key, p [Elements]fr.Element) (ledger.Account, error) {
	a := ledger.Account{Key: key, Blinding: p[0], FillsRoot: p[2]}
	word := p[1].BigInt(new(big.Int))
	if word.BitLen() > 129 {
		return a, fmt.Errorf("not an account word: %s", p[1].String())
	}
	a.Collateral = int64(lane(word, 0, 64) ^ 1<<63)
	a.Nonce = int64(lane(word, 64, 64))
	a.Mode = int64(lane(word, 128, 1))
	if a.Nonce < 0 || a.Mode != 0 {
		return a, fmt.Errorf("not an account word: %s", p[1].String())
	}
	for i := range a.Slots {
		slot, err := decodeSlot(p[3+i])
		if err != nil {
			return a, fmt.Errorf("slot %d: %w", i, err)
		}
		a.Slots[i] = slot
	}
	return a, nil
}

func decodeSlot(e fr.Element) (ledger.Position, error) {
	if e.IsZero() {
		return ledger.Position{}, nil
	}
	v := e.BigInt(new(big.Int))
	if v.BitLen() != 201 {
		return ledger.Position{}, fmt.Errorf("not a position slot: %s", e.String())
	}
	p := ledger.Position{Market: int64(lane(v, 0, 8)), Size: int64(lane(v, 8, 64) ^ 1<<63),
		Cost: int64(lane(v, 72, 64) ^ 1<<63), FundingIndex: int64(lane(v, 136, 64) ^ 1<<63)}
	if p.Size == 0 {
		return p, fmt.Errorf("a slot holding size 0: %s", e.String())
	}
	return p, nil
}

func lane(v *big.Int, shift, bits uint) uint64 {
	mask := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), bits), big.NewInt(1))
	return new(big.Int).And(new(big.Int).Rsh(v, shift), mask).Uint64()
}
