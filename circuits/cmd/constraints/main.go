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
// (circuits/agg), its inner verifying key from a throwaway setup of the inner circuit (the count
// does not depend on the key's values).
//
// With -setup it also times a Groth16 key setup of each (what a node's first start with
// development keys pays), one after the other in one run so that their ratios mean something on a
// noisy machine.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
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
	if caps, k, err := agg.ParseName(name); err == nil {
		return aggregate(caps, k)
	} else if strings.HasPrefix(name, "agg") {
		return nil, err
	}
	return catalog.Lookup(name)
}

// aggregate is the aggregate circuit of k batches of the settlement circuit at caps, for the
// verifying key of a throwaway setup of it.
func aggregate(caps settlement.Caps, k int) (frontend.Circuit, error) {
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, settlement.New(caps))
	if err != nil {
		return nil, err
	}
	_, vk, err := groth16.Setup(cs)
	if err != nil {
		return nil, err
	}
	return agg.New(vk, caps.PublicDataLen(), k)
}
