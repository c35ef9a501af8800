// Command dacost measures what binding a batch's owner data to its proof costs in the settlement
// circuit, for the two places the data can go on L1 (docs/bridge.md, "Owner data: calldata or
// blobs"):
//
//   - calldata: the data is part of the public data d, bound by the Poseidon2 commitment and the
//     evaluation at the bridge's challenge (what the settlement circuit does: gadget.BindData);
//   - an EIP-4844 blob: the same Poseidon2 commitment, then blob.Bind: the blob's polynomial
//     (the data as its evaluations over the 4096th roots of unity of BLS12-381's scalar field,
//     bit-reversed) takes the value y at the challenge z that the bridge hands to the
//     point-evaluation precompile, in BLS12-381's field emulated on BN254 (circuits/blob).
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
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/logger"

	"sable/circuits/blob"
	"sable/circuits/gadget"
)

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

func compile(c frontend.Circuit) (constraint.ConstraintSystem, error) {
	return frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c)
}

func main() {
	sizes := flag.String("n", "13,130,468", "element counts to compare (13 = one account row)")
	flag.Parse()
	logger.Disable()
	fmt.Println("# go run ./cmd/dacost -n", *sizes)
	fmt.Println("elements | calldata binding | per element | blob binding | per element | blob, per element over the previous row | blob needs a commitment")
	prevN, prevBlob := 0, 0
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(s)
		if err != nil {
			fail(err)
		}
		a, err := compile(&calldata{D: make([]frontend.Variable, n)})
		if err != nil {
			fail(err)
		}
		b, err := compile(blob.NewCircuit(n))
		if err != nil {
			fail(err)
		}
		_, committed := b.(interface{ GetCommitments() constraint.Commitments })
		hasCommitment := committed && len(b.(interface{ GetCommitments() constraint.Commitments }).GetCommitments().CommitmentIndexes()) > 0
		marginal := "-"
		if prevN > 0 && n > prevN {
			marginal = fmt.Sprintf("%.1f", float64(b.GetNbConstraints()-prevBlob)/float64(n-prevN))
		}
		prevN, prevBlob = n, b.GetNbConstraints()
		fmt.Printf("%d | %d | %d | %d | %d | %s | %v\n", n, a.GetNbConstraints(), a.GetNbConstraints()/n,
			b.GetNbConstraints(), b.GetNbConstraints()/n, marginal, hasCommitment)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "dacost:", err)
	os.Exit(1)
}
