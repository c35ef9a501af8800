// Command proveab compares the Groth16 proving time of catalog circuits side by side: it compiles
// each, runs gnark's development setup, then proves each one's sample assignment (an empty first
// batch for a settlement circuit) in alternating rounds, so that every circuit sees the same
// machine load; round 0 is a warm-up. It prints one line per proof and, per circuit, the median
// of the later rounds and its ratio to the first circuit's. Run from circuits/:
//
//	go run ./cmd/proveab -rounds 4 settlement-m1-k1-a2-d2-o2-t1-w1-l2-q1-owner settlement-m2-k1-a2-d2-o2-t1-w1-l2-q1-opt-owner
package main

import (
	"flag"
	"fmt"
	"log"
	"sort"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/catalog"
	"sable/circuits/keystore"
)

type prepared struct {
	name string
	cs   constraint.ConstraintSystem
	pk   groth16.ProvingKey
	w    witness.Witness
	ms   []int64
}

func prepare(name string) (*prepared, error) {
	cs, err := keystore.Compile(name)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	pk, _, err := groth16.Setup(cs)
	if err != nil {
		return nil, err
	}
	fmt.Printf("%s: %d constraints, development setup %d ms\n", name, cs.GetNbConstraints(), time.Since(start).Milliseconds())
	sample, err := catalog.Sample(name)
	if err != nil {
		return nil, err
	}
	w, err := frontend.NewWitness(sample, ecc.BN254.ScalarField())
	if err != nil {
		return nil, err
	}
	return &prepared{name: name, cs: cs, pk: pk, w: w}, nil
}

func median(ms []int64) int64 {
	s := append([]int64(nil), ms...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func main() {
	rounds := flag.Int("rounds", 4, "proofs per circuit, the first a warm-up")
	flag.Parse()
	if flag.NArg() < 1 || *rounds < 2 {
		log.Fatal("usage: proveab [-rounds N>=2] circuit...")
	}
	var circuits []*prepared
	for _, name := range flag.Args() {
		p, err := prepare(name)
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		circuits = append(circuits, p)
	}
	for round := 0; round < *rounds; round++ {
		for _, c := range circuits {
			start := time.Now()
			if _, err := groth16.Prove(c.cs, c.pk, c.w); err != nil {
				log.Fatalf("%s: %v", c.name, err)
			}
			ms := time.Since(start).Milliseconds()
			fmt.Printf("round %d %s: proof %d ms\n", round, c.name, ms)
			if round > 0 {
				c.ms = append(c.ms, ms)
			}
		}
	}
	base := median(circuits[0].ms)
	for _, c := range circuits {
		fmt.Printf("proveab: %s median %d ms over rounds 1-%d, %.2fx the first\n", c.name, median(c.ms), *rounds-1, float64(median(c.ms))/float64(base))
	}
}
