package agg_test

import (
	"testing"

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
	gateProving(t)
	w := setUp(t)
	n := batchgen.Tiny.PublicDataLen()
	cs, pk, vk := w.aggregateKeys(t, 1)

	// aggregate proves batch b alone in an inner aggregate, with the options given (ProveInner's or
	// the Solidity verifier's), for the public inputs the bridge would derive for it.
	aggregate := func(b agg.Segment, prove prover) agg.Segment {
		public := agg.Bind(b.Data)
		proof := proveAggregate(t, cs, pk, []agg.Segment{b}, public, prove)
		return agg.Segment{Data: b.Data, Challenge: public.Challenge, Proof: proof}
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
