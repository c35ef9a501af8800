// Package sig is Sable's EdDSA: gnark-crypto's EdDSA on the BN254 twisted Edwards curve with the
// Poseidon2 Merkle-Damgard challenge hash, signing one field element (a message hash from package
// layout). It adds the strict decoding rules Sable applies on top of gnark-crypto: canonical
// encodings only (y < r, and a point with x = 0 must not carry the sign flag).
package sig

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards/eddsa"
)

// ErrNonCanonical reports a point encoding gnark-crypto would reduce or reinterpret.
var ErrNonCanonical = errors.New("non-canonical point encoding")

// KeyFromSeed derives a key pair from a 32-byte seed exactly as eddsa.GenerateKey does from a
// reader that yields the seed.
func KeyFromSeed(seed []byte) (*eddsa.PrivateKey, error) {
	return eddsa.GenerateKey(bytes.NewReader(seed))
}

// Sign signs the field element m.
func Sign(k *eddsa.PrivateKey, m fr.Element) ([]byte, error) {
	b := m.Bytes()
	return k.Sign(b[:], poseidon2.NewMerkleDamgardHasher())
}

// ParsePublicKey decodes a 32-byte public key: canonical, on the curve, not the identity, in the
// prime-order subgroup.
func ParsePublicKey(b []byte) (*eddsa.PublicKey, error) {
	if err := checkCanonical(b); err != nil {
		return nil, err
	}
	var pk eddsa.PublicKey
	if _, err := pk.SetBytes(b); err != nil {
		return nil, err
	}
	return &pk, nil
}

// Verify checks a 64-byte signature on m; a malformed signature is an error, a wrong one false.
func Verify(pk *eddsa.PublicKey, signature []byte, m fr.Element) (bool, error) {
	if len(signature) == 64 {
		if err := checkCanonical(signature[:32]); err != nil {
			return false, err
		}
	}
	b := m.Bytes()
	return pk.Verify(signature, b[:], poseidon2.NewMerkleDamgardHasher())
}

func checkCanonical(b []byte) error {
	if len(b) != 32 {
		return ErrNonCanonical
	}
	be := make([]byte, 32)
	for i := range be {
		be[i] = b[31-i]
	}
	sign := be[0] & 0x80
	be[0] &= 0x7f
	if new(big.Int).SetBytes(be).Cmp(fr.Modulus()) >= 0 {
		return ErrNonCanonical
	}
	var p twistededwards.PointAffine
	if _, err := p.SetBytes(b); err != nil {
		return err
	}
	if !p.IsOnCurve() {
		return errors.New("point not on curve")
	}
	if sign != 0 && p.X.IsZero() {
		return ErrNonCanonical
	}
	return nil
}
