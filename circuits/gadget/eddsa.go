package gadget

import (
	"math/big"

	tedwards "github.com/consensys/gnark-crypto/ecc/twistededwards"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/twistededwards"
	"github.com/consensys/gnark/std/math/bits"
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
	q := e.expectedR(gate, key, r, s, msg)
	Implies(e.api, gate, e.api.Sub(q.X, r.X))
	Implies(e.api, gate, e.api.Sub(q.Y, r.Y))
}

// Check returns 1 when gate = 1 and (R, S) is a signature by key on msg, else 0, and never fails
// for any R: what the circuit needs for a signature it must accept either way (a forced request
// on L1, which the operator serves by paying 0 when it is not valid). The key is as for Verify
// (gate = 0 for an account without a key); S must be below l (L1 refuses a request otherwise).
func (e *EdDSA) Check(gate frontend.Variable, key, r Point, s, msg frontend.Variable) frontend.Variable {
	api := e.api
	q := e.expectedR(gate, key, r, s, msg)
	return api.Mul(gate, api.IsZero(api.Sub(q.X, r.X)), api.IsZero(api.Sub(q.Y, r.Y)))
}

// expectedR is [S]B - [h]A with h = H(R.x, R.y, A.x, A.y, msg), A the key (the base point when
// gate = 0): the R of a valid signature.
func (e *EdDSA) expectedR(gate frontend.Variable, key, r Point, s, msg frontend.Variable) Point {
	api := e.api
	a := e.orBase(gate, key)
	e.curve.AssertIsOnCurve(a)
	h := e.hash.Hash(r.X, r.Y, key.X, key.Y, msg)
	order := e.curve.Params().Order
	sBits := Range(api, s, order.BitLen())
	assertBitsAtMost(api, sBits, new(big.Int).Sub(order, big.NewInt(1))) // S < l, as gnark-crypto and Java require
	// h's bits need not be canonical: another decomposition is of h + r, and [h + r]A != [h]A, so
	// it can only make the equation fail.
	hBits := bits.ToBinary(api, h, bits.WithNbDigits(api.Compiler().FieldBitLen()), bits.OmitModulusCheck())
	return e.jointScalarMul(e.base, e.curve.Neg(a), sBits, hBits)
}

// jointScalarMul is [s1]p1 + [s2]p2 for points on the curve from the scalars' little-endian bits:
// one doubling and one addition of p1, p2, p1 + p2 or the identity per bit (Shamir's trick), with
// the complete Edwards formulas.
func (e *EdDSA) jointScalarMul(p1, p2 Point, bits1, bits2 []frontend.Variable) Point {
	api := e.api
	n := max(len(bits1), len(bits2))
	bit := func(b []frontend.Variable, i int) frontend.Variable {
		if i < len(b) {
			return b[i]
		}
		return 0
	}
	sum := e.curve.Add(p1, p2)
	pick := func(i int) Point {
		b1, b2 := bit(bits1, i), bit(bits2, i)
		return Point{X: api.Lookup2(b1, b2, 0, p1.X, p2.X, sum.X), Y: api.Lookup2(b1, b2, 1, p1.Y, p2.Y, sum.Y)}
	}
	acc := pick(n - 1)
	for i := n - 2; i >= 0; i-- {
		acc = e.curve.Add(e.curve.Double(acc), pick(i))
	}
	return acc
}

// assertBitsAtMost asserts that the integer with these little-endian bits is at most the constant
// bound: scanning from the top, while the bits equal the bound's, a bit may be 1 only where the
// bound's is.
func assertBitsAtMost(api frontend.API, bits []frontend.Variable, bound *big.Int) {
	if bound.BitLen() > len(bits) {
		return
	}
	var equal frontend.Variable = 1 // the bits above i equal the bound's
	for i := len(bits) - 1; i >= 0; i-- {
		if bound.Bit(i) == 1 {
			equal = api.Mul(equal, bits[i])
		} else {
			api.AssertIsEqual(api.Mul(equal, bits[i]), 0)
		}
	}
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
