package blob

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/math/emulated"
	"github.com/consensys/gnark/std/rangecheck"
)

// limbBits and limbs are the emulated BLS12-381 scalar's limb layout (emparams.BLS12381Fr).
const (
	limbBits = 64
	limbs    = 4
)

func init() {
	solver.RegisterHint(Hints()...)
}

// Hints lists this package's hints, for solvers that load a serialized constraint system.
func Hints() []solver.Hint { return []solver.Hint{limbsHint, termHint} }

// termHint is one barycentric term d w / (z - w) in BLS12-381's field (0 when z = w: the check
// then fails, as z at a root of unity cannot be bound this way).
func termHint(native *big.Int, in, out []*big.Int) error {
	return emulated.UnwrapHint(in, out, func(mod *big.Int, in, out []*big.Int) error {
		den := new(big.Int).Sub(in[1], in[2])
		if den.Mod(den, mod).ModInverse(den, mod) == nil {
			out[0].SetUint64(0)
			return nil
		}
		out[0].Mul(in[0], in[2]).Mul(out[0], den).Mod(out[0], mod)
		return nil
	})
}

// limbsHint splits a BN254 element into four 64-bit limbs, low first.
func limbsHint(_ *big.Int, in, out []*big.Int) error {
	v := new(big.Int).Set(in[0])
	mask := new(big.Int).Lsh(big.NewInt(1), limbBits)
	mask.Sub(mask, big.NewInt(1))
	for i := range out {
		out[i].And(v, mask)
		v.Rsh(v, limbBits)
	}
	return nil
}

// bnModulus is BN254's r: its top limb, and its low 192 bits less one.
var (
	bnTop    = new(big.Int).Rsh(ecc.BN254.ScalarField(), 3*limbBits)
	bnLowMax = new(big.Int).Sub(new(big.Int).Sub(ecc.BN254.ScalarField(), new(big.Int).Lsh(bnTop, 3*limbBits)), big.NewInt(1))
)

// asScalar reads a BN254 variable v as the BLS12-381 scalar with the same integer value: four
// 64-bit limbs (hinted, range-checked) that recompose v in BN254's field and, as an integer, are
// below BN254's r. Without that bound the limbs could be v + k r (k up to 5, still below 2^256),
// another scalar than the blob's. ~40 constraints where a 254-bit decomposition costs ~520.
func asScalar(api frontend.API, f *emulated.Field[Fr], v frontend.Variable) (*emulated.Element[Fr], error) {
	l, err := api.Compiler().NewHint(limbsHint, limbs, v)
	if err != nil {
		return nil, err
	}
	rc := rangecheck.New(api)
	var sum, low frontend.Variable = 0, 0
	for i := limbs - 1; i >= 0; i-- {
		rc.Check(l[i], limbBits)
		sum = api.Add(api.Mul(sum, new(big.Int).Lsh(big.NewInt(1), limbBits)), l[i])
		if i < limbs-1 {
			low = api.Add(api.Mul(low, new(big.Int).Lsh(big.NewInt(1), limbBits)), l[i])
		}
	}
	api.AssertIsEqual(sum, v)
	// Below r: top <= r's top, and when equal the low 192 bits <= r's low 192 bits - 1.
	rc.Check(api.Sub(bnTop, l[limbs-1]), limbBits)
	atTop := api.IsZero(api.Sub(l[limbs-1], bnTop))
	rc.Check(api.Mul(atTop, api.Sub(bnLowMax, low)), (limbs-1)*limbBits)
	return f.UnsafeFromLimbs(l), nil
}
