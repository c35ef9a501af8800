package blob

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/math/emulated"
	"github.com/consensys/gnark/std/math/emulated/emparams"

	"sable/circuits/gadget"
)

// Fr is BLS12-381's scalar field, emulated on BN254.
type Fr = emparams.BLS12381Fr

// Bind asserts, in the circuit, that a blob holding d in its first len(d) positions (zeros after)
// opens to y at z, and that z is the challenge H(TAG_BLOB, c, vh_hi, vh_lo) for the data's
// commitment c (which the caller has bound to d) and the blob's versioned hash vh = (hi, lo), 128
// bits each. y = (hi, lo) is the opening's value, 127 and 128 bits. The bridge checks the other
// half: blobhash(i) = vh and the point-evaluation precompile's p(z) = y for that blob.
//
// Cost per element: reading d_i as a BLS12-381 scalar (asScalar) and one emulated division
// (d_i w_i / (z - w_i)); per blob: 12 squarings and a few operations
// (bench/results/blob-binding.txt). Unsatisfiable when z is a root of unity (probability
// 4096 / r for a hash output).
func Bind(api frontend.API, h *gadget.Hasher, d []frontend.Variable, c frontend.Variable, vh [2]frontend.Variable, z frontend.Variable, y [2]frontend.Variable) error {
	if len(d) > Size {
		panic("blob: more elements than a blob holds")
	}
	api.AssertIsEqual(h.Hash(TagBlob, c, vh[0], vh[1]), z)
	f, err := emulated.NewField[Fr](api)
	if err != nil {
		return err
	}
	zz, err := asScalar(api, f, z)
	if err != nil {
		return err
	}
	got, err := share(api, f, d, zz)
	if err != nil {
		return err
	}
	assertValue(api, f, got, y)
	return nil
}

// BindSlot asserts, in the circuit, that rows d in slot s (0 or 1, asserted boolean) of a blob
// shared by two segments contribute y_s = (hi, lo) to the blob's p(z): y_s = EvaluateSlot(d, s,
// z). z is given, not derived: it is PairChallenge(c_rows_0, c_rows_1, vh), which needs both
// slots' rows' commitments, so whoever sees both (the aggregate) checks it, as it checks that the
// pair's two segments name slots 0 and 1 of one versioned hash. The bridge opens the blob once, for
// y_0 + y_1. The caller binds d to its commitment.
//
// Cost: Bind's per element (the same share); per blob, no challenge hash but the boolean and one
// emulated product z_s = z * (1 or 1 / w).
func BindSlot(api frontend.API, d []frontend.Variable, z, slot frontend.Variable, y [2]frontend.Variable) error {
	if len(d) > SlotSize {
		panic("blob: more elements than a slot holds")
	}
	api.AssertIsBoolean(slot)
	f, err := emulated.NewField[Fr](api)
	if err != nil {
		return err
	}
	zz, err := asScalar(api, f, z)
	if err != nil {
		return err
	}
	w := slotRatio()
	var wInv big.Int
	w.Inverse(&w).BigInt(&wInv)
	zs := f.Mul(zz, f.Select(slot, f.NewElement(&wInv), f.One()))
	got, err := share(api, f, d, zs)
	if err != nil {
		return err
	}
	assertValue(api, f, got, y)
	return nil
}

// share is (z^4096 - 1) / 4096 * sum_i d_i w_i / (z - w_i) over positions 0..len(d)-1: the blob's
// p(z) when d fills it from position 0 (Bind), a slot's share at z_s (BindSlot).
func share(api frontend.API, f *emulated.Field[Fr], d []frontend.Variable, zz *emulated.Element[Fr]) (*emulated.Element[Fr], error) {
	sum := f.Zero()
	for i, e := range d {
		w := Root(i)
		wc := f.NewElement(w.BigInt(new(big.Int)))
		de, err := asScalar(api, f, e)
		if err != nil {
			return nil, err
		}
		// term = d w / (z - w): hinted, then one check term z - term w - d w = 0 (Mul and Div
		// would be two).
		term, err := f.NewHint(termHint, 1, de, zz, wc)
		if err != nil {
			return nil, err
		}
		f.AssertEvalIsZero([][]*emulated.Element[Fr]{{term[0], zz}, {term[0], wc}, {de, wc}}, []int{1, -1, -1})
		sum = f.Add(sum, term[0])
	}
	zn := zz
	for range logSize {
		zn = f.Mul(zn, zn)
	}
	invN := new(big.Int).ModInverse(big.NewInt(Size), ecc.BLS12_381.ScalarField())
	return f.Mul(f.Mul(f.Sub(zn, f.One()), f.NewElement(invN)), sum), nil
}

// assertValue asserts got is the BLS12-381 scalar whose halves (127 and 128 bits) are y = (hi, lo).
func assertValue(api frontend.API, f *emulated.Field[Fr], got *emulated.Element[Fr], y [2]frontend.Variable) {
	want := f.FromBits(append(api.ToBinary(y[1], 128), api.ToBinary(y[0], 127)...)...)
	f.AssertIsInRange(want)
	f.AssertIsEqual(got, want)
}
