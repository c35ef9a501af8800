package settlement_test

import (
	"testing"

	"sable/circuits/batchgen"
)

// TestLiquidationScenarioSolves: every batch of the liquidation scenario (a close and a takeover
// with a surplus, the fund unwinding, auto-deleveraging after the fund paid what it could, an
// uncovered deficit after a close, a flat account liquidated) is accepted by the model, with the
// amounts worked out by hand, and by the circuit.
func TestLiquidationScenarioSolves(t *testing.T) {
	w := batchgen.NewWorld(batchgen.Sweep, batchgen.BTC, batchgen.ETH)
	allSolve(t, w, batchgen.LiquidationScenario(w))
}

// TestBoundScenarioSolves: the fund takes one position over up to its maximum; the next one,
// which it cannot hold, is deleveraged at the mark, with the tie between equal scores broken by
// the lower index.
func TestBoundScenarioSolves(t *testing.T) {
	w := batchgen.NewWorldWith(batchgen.Sweep, batchgen.BoundParams(), batchgen.BTC)
	allSolve(t, w, batchgen.BoundScenario(w))
}
