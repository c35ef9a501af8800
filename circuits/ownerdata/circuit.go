package ownerdata

import (
	"math/big"

	tedwards "github.com/consensys/gnark-crypto/ecc/twistededwards"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/twistededwards"
	"github.com/consensys/gnark/std/math/bits"

	"sable/circuits/gadget"
	"sable/circuits/ledger"
)

// Encryptor computes, in the circuit, the owner data of a batch: E = [e]B once, and for each
// account row its ciphertext under S = [e]A (Encrypt). The scalar's bits are decomposed once and
// shared by every multiplication; any decomposition will do, since E and every S use the same one
// (the owner computes [s]E = [e][s]B = [e]A for whatever integer the bits hold).
type Encryptor struct {
	api       frontend.API
	h         *gadget.Hasher
	curve     twistededwards.Curve
	bits      []frontend.Variable
	base      gadget.Point
	Ephemeral gadget.Point // E
}

// NewEncryptor decomposes the ephemeral scalar e and computes E = [e]B.
func NewEncryptor(api frontend.API, h *gadget.Hasher, e frontend.Variable) *Encryptor {
	curve, err := twistededwards.NewEdCurve(api, tedwards.BN254)
	if err != nil {
		panic(err)
	}
	p := curve.Params()
	x := &Encryptor{api: api, h: h, curve: curve, base: gadget.Point{X: p.Base[0], Y: p.Base[1]},
		bits: bits.ToBinary(api, e, bits.WithNbDigits(api.Compiler().FieldBitLen()), bits.OmitModulusCheck())}
	x.Ephemeral = x.multiply(x.base)
	return x
}

// Row is the ciphertext of an account row's plaintext (Plaintext's 11 elements) under key, in a
// batch at an account index. A keyless row (key (0, 0): the insurance fund, or no account) is
// published as it is. key must be (0, 0) or a point of the prime-order subgroup: keys enter
// leaves only through the settlement circuit's key validation.
func (x *Encryptor) Row(key gadget.Point, batch, account frontend.Variable, plain []frontend.Variable) []frontend.Variable {
	api := x.api
	keyed := gadget.IsNonZero(api, key.X) // a valid key has x != 0
	a := gadget.Point{X: api.Select(keyed, key.X, x.base.X), Y: api.Select(keyed, key.Y, x.base.Y)}
	s := x.multiply(a)
	k := x.h.Hash(tagOwner, s.X, s.Y, batch, account)
	out := make([]frontend.Variable, len(plain))
	for i, p := range plain {
		out[i] = api.Add(p, api.Mul(keyed, x.h.Compress(k, i)))
	}
	return out
}

// multiply is [e]p by double-and-add over e's bits, most significant first, with the complete
// Edwards formulas (p in the prime-order subgroup).
func (x *Encryptor) multiply(p gadget.Point) gadget.Point {
	api := x.api
	acc := gadget.Point{X: 0, Y: 1}
	for i := len(x.bits) - 1; i >= 0; i-- {
		acc = x.curve.Double(acc)
		sum := x.curve.Add(acc, p)
		acc = gadget.Point{X: api.Select(x.bits[i], sum.X, acc.X), Y: api.Select(x.bits[i], sum.Y, acc.Y)}
	}
	return acc
}

var tagOwner = ledger.TagOwner.BigInt(new(big.Int))
