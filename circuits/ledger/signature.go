package ledger

import (
	"errors"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards/eddsa"

	"sable/circuits/layout"
	"sable/circuits/sig"
)

// Signature is a decoded EdDSA signature: the point R and the scalar S, as the circuit takes them.
type Signature struct {
	RX, RY fr.Element
	S      fr.Element // S < l, so it fits the field
}

// ParseSignature decodes a 64-byte signature (R encoded || S big-endian). It accepts any bytes
// that decode to a point and a scalar, so that a forged signature can still be put into a
// witness; whether it verifies is Verify's question.
func ParseSignature(b []byte) (Signature, error) {
	if len(b) != 64 {
		return Signature{}, errors.New("signature is not 64 bytes")
	}
	var r twistededwards.PointAffine
	if _, err := r.SetBytes(b[:32]); err != nil {
		return Signature{}, err
	}
	var s fr.Element
	s.SetBigInt(new(big.Int).SetBytes(b[32:]))
	return Signature{RX: r.X, RY: r.Y, S: s}, nil
}

// Verify checks a 64-byte signature by key on m with Sable's strict rules (package sig).
func Verify(key Key, signature []byte, m fr.Element) bool {
	pk := eddsa.PublicKey{A: twistededwards.PointAffine{X: key.X, Y: key.Y}}
	ok, err := sig.Verify(&pk, signature, m)
	return err == nil && ok
}

// VerifyDecoded checks a decoded signature exactly as the circuit's boolean check does: key is a
// valid key, S < l, and [S]B - [h]A = R with h = H(R.x, R.y, A.x, A.y, m) (so R is a subgroup
// point by construction). Forced requests carry their signatures decoded, as L1 stores them.
func VerifyDecoded(key Key, s Signature, m fr.Element) bool {
	if !ValidKey(key) {
		return false
	}
	params := twistededwards.GetEdwardsCurve()
	var sInt, hInt big.Int
	s.S.BigInt(&sInt)
	if sInt.Cmp(&params.Order) >= 0 {
		return false
	}
	h := layout.Hash(s.RX, s.RY, key.X, key.Y, m)
	h.BigInt(&hInt)
	var sb, ha, q twistededwards.PointAffine
	sb.ScalarMultiplication(&params.Base, &sInt)
	a := twistededwards.PointAffine{X: key.X, Y: key.Y}
	ha.ScalarMultiplication(&a, &hInt)
	ha.Neg(&ha)
	q.Add(&sb, &ha)
	return q.X.Equal(&s.RX) && q.Y.Equal(&s.RY)
}

// ValidKey is the key validation of docs/state.md section 6 on affine coordinates: on the curve,
// not the identity, in the prime-order subgroup.
func ValidKey(k Key) bool {
	p := twistededwards.PointAffine{X: k.X, Y: k.Y}
	if !p.IsOnCurve() || p.X.IsZero() {
		return false
	}
	params := twistededwards.GetEdwardsCurve()
	var q twistededwards.PointAffine
	q.ScalarMultiplication(&p, &params.Order)
	return q.IsZero()
}

// KeyOf returns the affine key of a private key.
func KeyOf(k *eddsa.PrivateKey) Key { return Key{X: k.PublicKey.A.X, Y: k.PublicKey.A.Y} }
