// Command constraints compiles catalog circuits (R1CS, BN254) and prints each one's constraint
// count and number of Groth16 commitments, so that what a section of a circuit costs is the
// difference of two names, e.g. the settlement circuit's forced request slots:
//
//	go run ./cmd/constraints settlement-m2-k3-a6-d3-o4-t3-w2-l8 settlement-m2-k3-a6-d3-o4-t3-w2-l8-q1 \
//	    settlement-m2-k3-a6-d3-o4-t3-w2-l8-q3
//
// "portfolio-r<R>-a<A>" names the portfolio-margin check on its own (settlement.PortfolioCircuit:
// R risk rows, A portfolio accounts), which no catalog circuit holds yet.
//
// "agg<k>-<settlement name>" names the aggregate of k batches of that settlement circuit
// (circuits/agg); "agg<m>-agg<k>-<settlement name>" a tree's upper level over m such aggregates.
// The inner verifying key is a key of the compiled inner circuit's shape with random points
// (shapeKey): the count depends on the key's shape (public inputs, commitments), not its values.
//
// With -setup it also times a Groth16 key setup of each (what a node's first start with
// development keys pays), one after the other in one run so that their ratios mean something on a
// noisy machine.
package main

import (
	"flag"
	"fmt"
	"math/big"
	"os"
	"strings"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/pedersen"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"sable/circuits/agg"
	"sable/circuits/catalog"
	"sable/circuits/settlement"
)

func main() {
	setup := flag.Bool("setup", false, "also time a Groth16 key setup of each circuit")
	flag.Parse()
	if flag.NArg() < 1 {
		fmt.Fprintln(os.Stderr, "usage: constraints [-setup] <circuit name>...")
		os.Exit(2)
	}
	for _, name := range flag.Args() {
		c, err := lookup(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, "constraints:", err)
			os.Exit(1)
		}
		cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c)
		if err != nil {
			fmt.Fprintln(os.Stderr, "constraints:", name, err)
			os.Exit(1)
		}
		// A Groth16 commitment costs the circuit's Solidity verifier ~120k gas and an aggregate
		// over the circuit a commitment check: worth seeing beside the count.
		commitments := len(cs.GetCommitments().CommitmentIndexes())
		if !*setup {
			fmt.Printf("%s constraints=%d commitments=%d\n", name, cs.GetNbConstraints(), commitments)
			continue
		}
		start := time.Now()
		if _, _, err := groth16.Setup(cs); err != nil {
			fmt.Fprintln(os.Stderr, "constraints:", name, err)
			os.Exit(1)
		}
		fmt.Printf("%s constraints=%d commitments=%d setup_ms=%d\n", name, cs.GetNbConstraints(), commitments,
			time.Since(start).Milliseconds())
	}
}

func lookup(name string) (frontend.Circuit, error) {
	var rows, accounts int
	if n, _ := fmt.Sscanf(name, "portfolio-r%d-a%d", &rows, &accounts); n == 2 && rows > 0 && accounts >= 0 {
		return settlement.NewPortfolioCircuit(rows, accounts), nil
	}
	if caps, k, m, err := agg.ParseTree(name); err == nil {
		inner, err := aggregate(caps, k)
		if err != nil {
			return nil, err
		}
		vk, err := shapeKey(inner)
		if err != nil {
			return nil, err
		}
		return agg.NewUpper(vk, k*caps.PublicDataLen(), m)
	}
	if caps, k, err := agg.ParseName(name); err == nil {
		return aggregate(caps, k)
	} else if strings.HasPrefix(name, "agg") {
		return nil, err
	}
	return catalog.Lookup(name)
}

// aggregate is the aggregate circuit of k batches of the settlement circuit at caps, for a key of
// the compiled settlement circuit's shape.
func aggregate(caps settlement.Caps, k int) (frontend.Circuit, error) {
	vk, err := shapeKey(settlement.New(caps))
	if err != nil {
		return nil, err
	}
	return agg.New(vk, caps.PublicDataLen(), k)
}

// shapeKey compiles c and returns a Groth16 verifying key of its shape (public inputs, Groth16
// commitments and the public inputs they commit to) with random points, without a setup: an
// aggregate's constraints depend on its inner key's shape only (the points are constants in it;
// random points miss, but with negligible probability, the special values a constant's arithmetic
// could fold). It gives the flat k = 1 aggregate the count a real setup's key gives.
func shapeKey(c frontend.Circuit) (groth16.VerifyingKey, error) {
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c)
	if err != nil {
		return nil, err
	}
	commitments := cs.GetCommitments().(constraint.Groth16Commitments)
	random := func() *big.Int { return new(fr.Element).MustSetRandom().BigInt(new(big.Int)) }
	point1 := func() bn254.G1Affine { var p bn254.G1Affine; return *p.ScalarMultiplicationBase(random()) }
	point2 := func() bn254.G2Affine { var p bn254.G2Affine; return *p.ScalarMultiplicationBase(random()) }
	vk := &groth16bn254.VerifyingKey{}
	vk.G1.Alpha, vk.G1.Beta, vk.G1.Delta = point1(), point1(), point1()
	vk.G1.K = make([]bn254.G1Affine, cs.GetNbPublicVariables()+len(commitments))
	for i := range vk.G1.K {
		vk.G1.K[i] = point1()
	}
	vk.G2.Beta, vk.G2.Delta, vk.G2.Gamma = point2(), point2(), point2()
	vk.CommitmentKeys = make([]pedersen.VerifyingKey, len(commitments))
	for i := range vk.CommitmentKeys {
		vk.CommitmentKeys[i] = pedersen.VerifyingKey{G: point2(), GSigmaNeg: point2()}
	}
	vk.PublicAndCommitmentCommitted = commitments.GetPublicAndCommitmentCommitted(commitments.CommitmentIndexes(), cs.GetNbPublicVariables())
	return vk, vk.Precompute()
}
