// Command dacost measures what binding a batch's owner data to its proof costs in the settlement
// circuit, for the two places the data can go on L1 (docs/bridge.md, "Owner data: calldata or
// blobs"):
//
//   - calldata: the data is part of the public data d, bound by the Poseidon2 commitment and the
//     evaluation at the bridge's challenge (what the settlement circuit does: gadget.BindData);
//   - an EIP-4844 blob: the circuit must also show that the blob's polynomial (the data as its
//     evaluations over the 4096th roots of unity of BLS12-381's scalar field, bit-reversed) takes
//     the value y at the challenge z that the bridge hands to the point-evaluation precompile:
//     the barycentric formula in BLS12-381's field, emulated on BN254 (gnark std/math/emulated).
//
// It compiles both for n elements and prints constraints per element and whether the circuit
// needs a Groth16 commitment (which the exported verifier checks for ~121k gas more).
//
//	go run ./cmd/dacost -n 13,130,468
package main

import (
	"flag"
	"fmt"
	"math/big"
	"os"
	"strconv"
	"strings"

	"github.com/consensys/gnark-crypto/ecc"
	blsfr "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/logger"
	"github.com/consensys/gnark/std/math/emulated"
	"github.com/consensys/gnark/std/math/emulated/emparams"

	"sable/circuits/gadget"
)

// blobSize is the number of field elements of a blob.
const blobSize = 4096

var tag = big.NewInt(1)

// calldata binds n elements as the settlement circuit binds its public data.
type calldata struct {
	C, Z, Y frontend.Variable `gnark:",public"`
	D       []frontend.Variable
}

func (c *calldata) Define(api frontend.API) error {
	gadget.NewHasher(api).BindData(tag, c.D, c.C, c.Z, c.Y)
	return nil
}

// blob binds n elements to a blob: the same Poseidon2 commitment (from which the challenge is
// drawn) and the blob polynomial's value at the challenge, in BLS12-381's scalar field.
type blob struct {
	C, Z, Y frontend.Variable `gnark:",public"`
	D       []frontend.Variable
}

func (c *blob) Define(api frontend.API) error {
	h := gadget.NewHasher(api)
	api.AssertIsEqual(h.Hash(append([]frontend.Variable{tag}, c.D...)...), c.C)
	f, err := emulated.NewField[emparams.BLS12381Fr](api)
	if err != nil {
		return err
	}
	z := f.FromBits(api.ToBinary(c.Z, 254)...)
	roots := bitReversedRoots()
	// p(z) = (z^N - 1) / N * sum d_i w_i / (z - w_i)
	sum := f.Zero()
	for i, d := range c.D {
		w := f.NewElement(roots[i])
		term := f.Div(f.Mul(f.FromBits(api.ToBinary(d, 254)...), w), f.Sub(z, w))
		sum = f.Add(sum, term)
	}
	zn := z
	for range 12 { // N = 2^12
		zn = f.Mul(zn, zn)
	}
	invN := new(big.Int).ModInverse(big.NewInt(blobSize), ecc.BLS12_381.ScalarField())
	y := f.Mul(f.Mul(f.Sub(zn, f.One()), f.NewElement(invN)), sum)
	f.AssertIsEqual(y, f.FromBits(api.ToBinary(c.Y, 254)...))
	return nil
}

// bitReversedRoots lists the blob's evaluation points: the 4096th roots of unity in bit-reversed
// order (EIP-4844).
func bitReversedRoots() []*big.Int {
	var w blsfr.Element
	gen, err := blsfr.Generator(blobSize)
	if err != nil {
		panic(err)
	}
	out := make([]*big.Int, blobSize)
	w.SetOne()
	for i := 0; i < blobSize; i++ {
		rev := 0
		for b := 0; b < 12; b++ {
			if i>>b&1 == 1 {
				rev |= 1 << (11 - b)
			}
		}
		out[rev] = w.BigInt(new(big.Int))
		w.Mul(&w, &gen)
	}
	return out
}

func compile(c frontend.Circuit) (constraint.ConstraintSystem, error) {
	return frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c)
}

func main() {
	sizes := flag.String("n", "13,130,468", "element counts to compare (13 = one account row)")
	flag.Parse()
	logger.Disable()
	fmt.Println("# go run ./cmd/dacost -n", *sizes)
	fmt.Println("elements | calldata binding | per element | blob binding | per element | blob needs a commitment")
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(s)
		if err != nil {
			fail(err)
		}
		a, err := compile(&calldata{D: make([]frontend.Variable, n)})
		if err != nil {
			fail(err)
		}
		b, err := compile(&blob{D: make([]frontend.Variable, n)})
		if err != nil {
			fail(err)
		}
		_, committed := b.(interface{ GetCommitments() constraint.Commitments })
		hasCommitment := committed && len(b.(interface{ GetCommitments() constraint.Commitments }).GetCommitments().CommitmentIndexes()) > 0
		fmt.Printf("%d | %d | %d | %d | %d | %v\n", n, a.GetNbConstraints(), a.GetNbConstraints()/n,
			b.GetNbConstraints(), b.GetNbConstraints()/n, hasCommitment)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "dacost:", err)
	os.Exit(1)
}
