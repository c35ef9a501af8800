// Package gadget holds the in-circuit building blocks of Sable's batch circuit: range checks by bit
// decomposition, comparisons, exact division with a stated rounding, one-hot selection, Poseidon2
// hashing with shared prefixes, sparse Merkle paths and the strict EdDSA check.
//
// No gadget here uses std/rangecheck or lookups: those add a Groth16 commitment, which costs about
// 121k gas more per verification on L1 (docs/settlement.md, "Range checks").
package gadget

import (
	"math/big"

	"github.com/consensys/gnark/frontend"
)

// Two63 is 2^63, the offset that maps a signed 64-bit integer onto [0, 2^64).
var Two63 = new(big.Int).Lsh(big.NewInt(1), 63)

// Pow2 returns 2^n.
func Pow2(n int) *big.Int { return new(big.Int).Lsh(big.NewInt(1), uint(n)) }

// Range asserts 0 <= x < 2^n (as an integer) and returns the little-endian bits of x (n + 1
// constraints).
func Range(api frontend.API, x frontend.Variable, n int) []frontend.Variable {
	return api.ToBinary(x, n)
}

// Signed asserts -2^63 <= x < 2^63 and returns the 64 bits of x + 2^63; bit 63 is set iff x >= 0.
func Signed(api frontend.API, x frontend.Variable) []frontend.Variable {
	return api.ToBinary(api.Add(x, Two63), 64)
}

// AssertNonNegative asserts gate = 0 or 0 <= x < 2^n.
func AssertNonNegative(api frontend.API, gate, x frontend.Variable, n int) {
	Range(api, api.Mul(gate, x), n)
}

// Implies asserts that gate = 1 implies x = 0 (gate boolean).
func Implies(api frontend.API, gate, x frontend.Variable) {
	api.AssertIsEqual(api.Mul(gate, x), 0)
}

// Not returns 1 - b.
func Not(api frontend.API, b frontend.Variable) frontend.Variable { return api.Sub(1, b) }

// IsNonZero returns 1 if x != 0, else 0.
func IsNonZero(api frontend.API, x frontend.Variable) frontend.Variable {
	return api.Sub(1, api.IsZero(x))
}

// LessOrEqual returns the bit a <= b for integers a, b with |a - b| < 2^n, from a hinted bit and
// one n-bit range check of the difference the bit selects (n + 3 constraints).
func LessOrEqual(api frontend.API, a, b frontend.Variable, n int) frontend.Variable {
	out, err := api.NewHint(lessOrEqualHint, 1, a, b)
	if err != nil {
		panic(err)
	}
	le := out[0]
	api.AssertIsBoolean(le)
	// le = 1: b - a >= 0; le = 0: a - b - 1 >= 0.
	diff := api.Sub(a, b, 1)
	Range(api, api.Add(diff, api.Mul(le, api.Add(api.Mul(2, api.Sub(b, a)), 1))), n)
	return le
}

// Dot returns sum sel[i] * v[i].
func Dot(api frontend.API, sel, v []frontend.Variable) frontend.Variable {
	var acc frontend.Variable = 0
	for i := range sel {
		acc = api.MulAcc(acc, sel[i], v[i])
	}
	return acc
}

// OneHot returns n booleans b with sum b = gate and sum i*b[i] = index*gate: the one-hot encoding of
// index when gate = 1, all zero when gate = 0. An index outside [0, n) cannot be encoded, so the
// assertion fails (n + 2 constraints).
func OneHot(api frontend.API, index, gate frontend.Variable, n int) []frontend.Variable {
	out, err := api.NewHint(oneHotHint, n, index, gate)
	if err != nil {
		panic(err)
	}
	var sum, weighted frontend.Variable = 0, 0
	for i, b := range out {
		api.AssertIsBoolean(b)
		sum = api.Add(sum, b)
		weighted = api.Add(weighted, api.Mul(i, b))
	}
	api.AssertIsEqual(sum, gate)
	api.AssertIsEqual(weighted, api.Mul(index, gate))
	return out
}

// DivCeil returns q = ceil(num / den) for a signed integer num (|num| < 2^190) and an integer
// 1 <= den < 2^denBits, with q asserted to lie in [-2^63, 2^63): num = q*den - rem, 0 <= rem < den.
func DivCeil(api frontend.API, num, den frontend.Variable, denBits int) frontend.Variable {
	out, err := api.NewHint(divCeilHint, 2, num, den)
	if err != nil {
		panic(err)
	}
	q, rem := out[0], out[1]
	Signed(api, q)
	Range(api, rem, denBits)
	Range(api, api.Sub(den, 1, rem), denBits)
	api.AssertIsEqual(num, api.Sub(api.Mul(q, den), rem))
	return q
}

// DivCeilWide is DivCeil for wide quotients: q = ceil(num / den) asserted to lie in [-2^qBits,
// 2^qBits) (|num| < 2^190, qBits < 200); the remainder's range makes q unique.
func DivCeilWide(api frontend.API, num, den frontend.Variable, denBits, qBits int) frontend.Variable {
	out, err := api.NewHint(divCeilHint, 2, num, den)
	if err != nil {
		panic(err)
	}
	q, rem := out[0], out[1]
	Range(api, api.Add(q, Pow2(qBits)), qBits+1)
	Range(api, rem, denBits)
	Range(api, api.Sub(den, 1, rem), denBits)
	api.AssertIsEqual(num, api.Sub(api.Mul(q, den), rem))
	return q
}

// DivCeilPpm is DivCeil by 10^6, the parts-per-million denominator of rates and funding indices.
func DivCeilPpm(api frontend.API, num frontend.Variable) frontend.Variable {
	return DivCeil(api, num, Ppm, 20)
}

// Ppm is 10^6 (100%).
const Ppm = 1_000_000
