package settlement_test

import (
	"testing"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
)

// TestScenarioBatchesSolve: every batch of the scenario (deposits creating accounts, oracle
// prices, trades opening, reducing and flipping positions in two markets, a funding tick, two
// withdrawals) is accepted by the model and by the circuit.
func TestScenarioBatchesSolve(t *testing.T) {
	w := batchgen.NewWorld(batchgen.Small, batchgen.BTC, batchgen.ETH)
	allSolve(t, w, batchgen.Scenario(w))
}

// allSolve applies every batch of a history: the model finds no broken rule, the circuit accepts
// each.
func allSolve(t *testing.T, w *batchgen.World, batches []ledger.Batch) {
	t.Helper()
	for i, b := range batches {
		a, violations := assign(t, w, b)
		if len(violations) > 0 {
			t.Fatalf("batch %d: %v", i+1, violations)
		}
		solved(t, a)
	}
}

// TestEmptyBatchSolves: a batch with every slot unused solves and changes only the time.
func TestEmptyBatchSolves(t *testing.T) {
	w, _ := world(t, 2)
	accounts, markets := w.State.AccountsRoot(), w.State.MarketsRoot()
	a, violations := assign(t, w, ledger.Batch{Time: 140})
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	solved(t, a)
	if w.State.AccountsRoot() != accounts || w.State.MarketsRoot() != markets || w.State.Time != 140 {
		t.Fatal("an empty batch changed more than the time")
	}
}

// TestRandomBatchesSolve: seeded random histories (prices, deposits with refunds, makers filled
// over several batches, reduce-only and expiring takers, withdrawals, funding ticks), every batch
// accepted by the model and then by the circuit.
func TestRandomBatchesSolve(t *testing.T) {
	trades := 0
	for seed := uint64(1); seed <= 3; seed++ {
		w := batchgen.NewWorld(batchgen.Small, batchgen.BTC, batchgen.ETH)
		r := batchgen.NewRandom(w, seed, batchgen.BTC, batchgen.ETH)
		for i := 0; i < 12; i++ {
			b := r.Next()
			trades += len(b.Trades)
			a, violations := assign(t, w, b)
			if len(violations) > 0 {
				t.Fatalf("seed %d batch %d: %v", seed, i+1, violations)
			}
			if err := isSolved(a); err != nil {
				t.Fatalf("seed %d batch %d (%d trades, %d withdrawals, %d deposits, %d prices, %d ticks): %v",
					seed, i+1, len(b.Trades), len(b.Withdrawals), len(b.Deposits), len(b.Oracles), len(b.Funding), err)
			}
			report(t, "solved", a.Caps())
		}
	}
	if trades < 30 {
		t.Fatalf("only %d trades in the random histories", trades)
	}
}
