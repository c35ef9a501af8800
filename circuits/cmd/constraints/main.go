// Command constraints compiles catalog circuits (R1CS, BN254) and prints each one's constraint
// count, so that what a section of a circuit costs is the difference of two names, e.g. the
// settlement circuit's forced request slots:
//
//	go run ./cmd/constraints settlement-m2-k3-a6-d3-o4-t3-w2-l8 settlement-m2-k3-a6-d3-o4-t3-w2-l8-q1 \
//	    settlement-m2-k3-a6-d3-o4-t3-w2-l8-q3
package main

import (
	"fmt"
	"os"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"sable/circuits/catalog"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: constraints <circuit name>...")
		os.Exit(2)
	}
	for _, name := range os.Args[1:] {
		c, err := catalog.Lookup(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, "constraints:", err)
			os.Exit(1)
		}
		cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c)
		if err != nil {
			fmt.Fprintln(os.Stderr, "constraints:", name, err)
			os.Exit(1)
		}
		fmt.Printf("%s constraints=%d\n", name, cs.GetNbConstraints())
	}
}
