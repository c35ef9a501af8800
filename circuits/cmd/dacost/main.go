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
// needs a Groth16 commitment (which the exported verifier checks for ~121k gas more). With
// -prove it also sets both up (development setup), proves them in turns on random data (the blob
// one with a real KZG opening) and verifies, printing the proving times side by side.
//
//	go run ./cmd/dacost -n 13,130,468
//	go run ./cmd/dacost -n 130 -prove -rounds 3
package main

import (
	"flag"
	"fmt"
	"math/big"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/logger"

	"sable/circuits/blob"
	"sable/circuits/gadget"
	"sable/circuits/layout"
	"sable/circuits/ledger"
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
	prove := flag.Bool("prove", false, "also prove both circuits in turns and print the times")
	rounds := flag.Int("rounds", 3, "proofs of each circuit with -prove")
	flag.Parse()
	logger.Disable()
	fmt.Println("# go run ./cmd/dacost", strings.Join(os.Args[1:], " "))
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
		if *prove {
			if err := proveSideBySide(n, a, b, *rounds); err != nil {
				fail(err)
			}
		}
	}
}

// proveSideBySide sets both circuits up, then proves each `rounds` times in turns (calldata,
// blob, calldata, ...) so that the machine's load falls on both alike, verifies every proof and
// prints each time and the ratio of the medians.
func proveSideBySide(n int, a, b constraint.ConstraintSystem, rounds int) error {
	d := make([]fr.Element, n)
	for i := range d {
		if _, err := d[i].SetRandom(); err != nil {
			return err
		}
	}
	z := fr.NewElement(5)
	var tagElement fr.Element
	tagElement.SetBigInt(tag)
	calldataWitness := &calldata{C: layout.Hash(append([]fr.Element{tagElement}, d...)...), Z: z,
		Y: ledger.Evaluate(d, z), D: make([]frontend.Variable, n)}
	for i := range d {
		calldataWitness.D[i] = d[i]
	}
	opening, err := blob.Open(d, ledger.Commitment(d))
	if err != nil {
		return err
	}
	circuits := []struct {
		name       string
		cs         constraint.ConstraintSystem
		assignment frontend.Circuit
		times      []time.Duration
	}{{name: "calldata", cs: a, assignment: calldataWitness}, {name: "blob", cs: b, assignment: blob.Assignment(d, opening)}}
	pks := make([]groth16.ProvingKey, len(circuits))
	vks := make([]groth16.VerifyingKey, len(circuits))
	for i, c := range circuits {
		start := time.Now()
		if pks[i], vks[i], err = groth16.Setup(c.cs); err != nil {
			return err
		}
		fmt.Printf("  %s: setup %d ms\n", c.name, time.Since(start).Milliseconds())
	}
	for r := 0; r < rounds; r++ {
		for i := range circuits {
			c := &circuits[i]
			w, err := frontend.NewWitness(c.assignment, ecc.BN254.ScalarField())
			if err != nil {
				return err
			}
			start := time.Now()
			proof, err := groth16.Prove(c.cs, pks[i], w, solidity.WithProverTargetSolidityVerifier(backend.GROTH16))
			if err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			c.times = append(c.times, time.Since(start))
			public, err := w.Public()
			if err != nil {
				return err
			}
			if err := groth16.Verify(proof, vks[i], public, solidity.WithVerifierTargetSolidityVerifier(backend.GROTH16)); err != nil {
				return fmt.Errorf("%s: proof does not verify: %w", c.name, err)
			}
		}
	}
	medians := make([]time.Duration, len(circuits))
	for i, c := range circuits {
		sorted := slices.Clone(c.times)
		slices.Sort(sorted)
		medians[i] = sorted[len(sorted)/2]
		fmt.Printf("  %s: proofs %v (verified), median %d ms, %.1f us per constraint\n", c.name, c.times,
			medians[i].Milliseconds(), float64(medians[i].Microseconds())/float64(c.cs.GetNbConstraints()))
	}
	fmt.Printf("  blob / calldata proving time (medians): %.2fx for %.2fx the constraints\n",
		float64(medians[1])/float64(medians[0]), float64(b.GetNbConstraints())/float64(a.GetNbConstraints()))
	return nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "dacost:", err)
	os.Exit(1)
}
