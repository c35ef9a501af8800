// Package ownerdata is the owner's side of the owner-data section a settlement batch publishes
// (issue 10 item 4; docs/bridge.md, "Owner data"): decrypting an account row with the owner's key
// and rebuilding the account from it, and the circuit gadget that proves the encryption. The
// section itself (the plaintext, E, the keystream, the encryption) is defined in package ledger
// (owner.go), which the settlement circuit's witness is built by.
package ownerdata

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards/eddsa"

	"sable/circuits/ledger"
)

// Decrypt recovers an account row's plaintext with the owner's secret scalar: S = [s]E.
func Decrypt(secret *big.Int, ephemeral ledger.Key, batch, account int64, cipher [ledger.OwnerElements]fr.Element) [ledger.OwnerElements]fr.Element {
	ks := ledger.SharedKeystream(ephemeral, secret, batch, account)
	var out [ledger.OwnerElements]fr.Element
	for i := range out {
		out[i].Sub(&cipher[i], &ks[i])
	}
	return out
}

// Secret is the scalar s of a private key (A = [s]B): bytes 32..64 of gnark-crypto's
// PrivateKey.Bytes, big-endian.
func Secret(k *eddsa.PrivateKey) *big.Int {
	b := k.Bytes()
	return new(big.Int).SetBytes(b[32:64])
}

// Account rebuilds the account under key from a decrypted plaintext, refusing one that is not a
// leaf's encoding (a wrong key decrypts to noise).
func Account(key ledger.Key, p [ledger.OwnerElements]fr.Element) (ledger.Account, error) {
	a := ledger.Account{Key: key, Blinding: p[0], FillsRoot: p[2]}
	word := p[1].BigInt(new(big.Int))
	if word.BitLen() > 129 {
		return a, fmt.Errorf("not an account word: %s", p[1].String())
	}
	a.Collateral = int64(lane(word, 0, 64) ^ 1<<63)
	a.Nonce = int64(lane(word, 64, 64))
	a.Mode = int64(lane(word, 128, 1))
	if a.Nonce < 0 { // the mode is the 129th bit: 0 (cross) or 1 (portfolio)
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
