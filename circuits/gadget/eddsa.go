package gadget

import (
	"math/big"

	tedwards "github.com/consensys/gnark-crypto/ecc/twistededwards"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/twistededwards"
)

// Point is an affine point of the BN254 twisted Edwards curve (docs/state.md, section 6).
type Point = twistededwards.Point

// EdDSA verifies Sable's signatures in the circuit: gnark-crypto's EdDSA on the BN254 twisted
// Edwards curve with the Poseidon2 challenge H(R.x, R.y, A.x, A.y, m).
//
// It is stricter than gnark's std/signature/eddsa, which checks [8]([S]B - [h]A - R) = 0 and never
// that R is on the curve: with R = (0, 0) its cofactor doubling divides 0 by 0 (DivUnchecked), the
// quotient is free, and a malicious prover forges any message. Here R enters no curve arithmetic:
// the circuit computes [S]B - [h]A from the base point and the key (both in the prime-order
// subgroup, where the Edwards formulas are complete and every division is by a non-zero value)
// and asserts it equals R coordinate by coordinate, so R is a subgroup point by construction. This
// is exactly the check Java makes ([S]B - [h]A = R), and for a validated key it accepts the same
// signatures as gnark-crypto's cofactored verification.
type EdDSA struct {
	api   frontend.API
	curve twistededwards.Curve
	hash  *Hasher
	base  Point
}

// NewEdDSA returns the verifier.
func NewEdDSA(api frontend.API, hash *Hasher) *EdDSA {
	curve, err := twistededwards.NewEdCurve(api, tedwards.BN254)
	if err != nil {
		panic(err)
	}
	p := curve.Params()
	return &EdDSA{api: api, curve: curve, hash: hash, base: Point{X: p.Base[0], Y: p.Base[1]}}
}

// Verify asserts, when gate = 1, that (R, S) is a signature by key on the field element msg. The
// key must be a point of the prime-order subgroup (keys enter the state only through
// AssertValidKey); a key that is not on the curve fails. When gate = 0 nothing is asserted, and
// any values (zeros in unused slots) are accepted.
func (e *EdDSA) Verify(gate frontend.Variable, key, r Point, s, msg frontend.Variable) {
	api := e.api
	a := e.orBase(gate, key)
	e.curve.AssertIsOnCurve(a)
	h := e.hash.Hash(r.X, r.Y, key.X, key.Y, msg)
	// S < l: a canonical scalar, as gnark-crypto and Java require.
	api.AssertIsLessOrEqual(s, new(big.Int).Sub(e.curve.Params().Order, big.NewInt(1)))
	q := e.curve.DoubleBaseScalarMul(e.base, e.curve.Neg(a), s, h)
	Implies(api, gate, api.Sub(q.X, r.X))
	Implies(api, gate, api.Sub(q.Y, r.Y))
}

// AssertValidKey asserts, when gate = 1, what Java checks before a key enters a leaf: on the curve,
// not the identity, in the prime-order subgroup. Membership is shown by a hinted preimage P on the
// curve with [8]P = key ([8]E is exactly the prime-order subgroup).
func (e *EdDSA) AssertValidKey(gate frontend.Variable, key Point) {
	api := e.api
	a := e.orBase(gate, key)
	e.curve.AssertIsOnCurve(a)
	// In the prime-order subgroup only the identity (0, 1) has x = 0.
	Implies(api, gate, api.IsZero(a.X))
	out, err := api.NewHint(subgroupPreimageHint, 2, a.X, a.Y)
	if err != nil {
		panic(err)
	}
	p := Point{X: out[0], Y: out[1]}
	e.curve.AssertIsOnCurve(p)
	for range 3 {
		p = e.curve.Double(p)
	}
	api.AssertIsEqual(p.X, a.X)
	api.AssertIsEqual(p.Y, a.Y)
}

// orBase is key when gate = 1 and the base point otherwise, so that unused slots compute on a
// valid point.
func (e *EdDSA) orBase(gate frontend.Variable, key Point) Point {
	return Point{X: e.api.Select(gate, key.X, e.base.X), Y: e.api.Select(gate, key.Y, e.base.Y)}
}
