package agg_test

import (
	"os"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/agg"
	"sable/circuits/batchgen"
)

// TestTreeOfTwoRealAggregates sets up the k = 1 aggregate of Tiny batches (1.25M constraints:
// ~8 CPU-minutes and ~2-3.6 GB, so only with SABLE_AGG_PROVE=1), proves batches 1, 2 and 3 each
// in one inner aggregate proof (ProveInner: the aggregate has a Groth16 commitment), batch 2's
// also for the Solidity verifier, and runs attackTree on them: the tree's upper level (m = 2) in
// gnark's test engine, honest over batches 1 and 2 (its D is d_1 || d_2, its public inputs a flat
// aggregate's), then each attack.
func TestTreeOfTwoRealAggregates(t *testing.T) {
	if os.Getenv("SABLE_AGG_PROVE") != "1" {
		t.Skip("set SABLE_AGG_PROVE=1 to set up the k = 1 aggregate and test a tree over its proofs")
	}
	w := setUp(t)
	n := batchgen.Tiny.PublicDataLen()
	cs, pk, vk := w.aggregateKeys(t, 1)

	// aggregate proves batch b alone in an inner aggregate, with the options given (ProveInner's or
	// the Solidity verifier's), for the public inputs the bridge would derive for it.
	aggregate := func(b agg.Segment, prove prover) agg.Segment {
		a, err := agg.Assign([]agg.Segment{b})
		if err != nil {
			t.Fatal(err)
		}
		full, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		proof, err := prove(cs, pk, full)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("inner aggregate proof: %v", time.Since(start))
		return agg.Segment{Data: b.Data, Challenge: agg.Bind(b.Data).Challenge, Proof: proof}
	}
	inner := make([]agg.Segment, 3)
	for i := range inner {
		inner[i] = aggregate(w.batches[i], agg.ProveInner)
	}

	if !equal(agg.Concat(inner[:2]), agg.Concat(w.batches[:2])) {
		t.Fatal("the tree's D is not d_1 || d_2")
	}
	attackTree(t, vk, n, inner, aggregate(w.batches[1], proveForTheBridge))
}
