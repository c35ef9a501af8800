package settlement_test

import (
	"testing"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// The order of a sweep's steps is the witness's, not the model's (which always writes them in the
// sequencer's order), so these forgeries rearrange an honest batch's steps: each must fail where
// the circuit checks the sequence.

// honestSteps returns the assignment of batch n+1 of the liquidation scenario.
func honestSteps(t *testing.T, n int) *settlement.Circuit {
	t.Helper()
	w, s := sweepWorld(t, n)
	a, violations := assign(t, w, s[n])
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	return a
}

// honestBoundSteps is honestSteps for the bound scenario's sweep.
func honestBoundSteps(t *testing.T) *settlement.Circuit {
	t.Helper()
	w, s := boundWorld(t, 2)
	a, violations := assign(t, w, s[2])
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	return a
}

func unusedStep() settlement.LiquidationStep {
	return settlement.LiquidationStep{Used: 0, Kind: 0, End: 0, AccountRow: 0, Slot: 0, OtherRow: 0, OtherSlot: 0,
		Order: 0, Quantity: 0, Price: 0, MakerFee: 0, TakerFee: 0, First: 0, Hold: 0, HoldSlot: 0, HoldFundSlot: 0,
		Covered: 0, Surplus: 0, Uncovered: 0}
}

// TestLiquidationInsideALiquidationIsRejected: lena's liquidation starts in place of the end of
// kate's (batch 7: start kate, close, end, start lena).
func TestLiquidationInsideALiquidationIsRejected(t *testing.T) {
	a := honestSteps(t, 6)
	a.Liquidations[2], a.Liquidations[3] = a.Liquidations[3], unusedStep()
	rejected(t, a, "sequence")
}

// TestUnwindDuringALiquidationIsRejected: the fund unwinds (its empty BTC slot) in the middle of
// dave's liquidation, in place of dave's close.
func TestUnwindDuringALiquidationIsRejected(t *testing.T) {
	a := honestSteps(t, 3)
	a.Liquidations[1].Kind, a.Liquidations[1].AccountRow = ledger.StepUnwind, 0
	rejected(t, a, "sequence")
}

// TestCloseOutsideALiquidationIsRejected: the fund's unwind relabelled a close-into-book fill.
func TestCloseOutsideALiquidationIsRejected(t *testing.T) {
	a := honestSteps(t, 4)
	a.Liquidations[0].Kind = ledger.StepClose
	rejected(t, a, "sequence")
}

// TestStepForAnotherAccountIsRejected: kate's close fills lena's position.
func TestStepForAnotherAccountIsRejected(t *testing.T) {
	a := honestSteps(t, 6)
	a.Liquidations[1].AccountRow = a.Liquidations[3].AccountRow
	rejected(t, a, "sequence")
}

// TestUnwindOfAnotherAccountIsRejected: the fund's unwind sells kate's position.
func TestUnwindOfAnotherAccountIsRejected(t *testing.T) {
	a := honestSteps(t, 4)
	a.Liquidations[0].AccountRow = 2
	rejected(t, a, "sequence")
}

// TestCoverAfterATakeoverIsRejected: olga's liquidation does not end with the takeover but goes on
// to a cover.
func TestCoverAfterATakeoverIsRejected(t *testing.T) {
	a := honestBoundSteps(t)
	takeover := &a.Liquidations[1]
	takeover.End, takeover.Surplus = 0, 0
	a.Liquidations[2] = a.Liquidations[3]
	a.Liquidations[2].AccountRow = takeover.AccountRow
	rejected(t, a, "sequence")
}

// TestAdlWithoutACoverIsRejected: paul's ADL fill without the cover that decides the branch.
func TestAdlWithoutACoverIsRejected(t *testing.T) {
	a := honestBoundSteps(t)
	a.Liquidations[3], a.Liquidations[4] = a.Liquidations[4], unusedStep()
	rejected(t, a, "sequence")
}

// TestTakeoverAfterTheCoverIsRejected: gina's first ADL fill relabelled a takeover.
func TestTakeoverAfterTheCoverIsRejected(t *testing.T) {
	a := honestSteps(t, 5)
	a.Liquidations[2].Kind = ledger.StepTakeover
	rejected(t, a, "sequence")
}

// TestEndOnACloseIsRejected: dave's liquidation ends on its close.
func TestEndOnACloseIsRejected(t *testing.T) {
	a := honestSteps(t, 3)
	a.Liquidations[1].End = 1
	rejected(t, a, "sequence")
}

// TestEndStepThatDoesNotEndIsRejected: kate's end step without End.
func TestEndStepThatDoesNotEndIsRejected(t *testing.T) {
	a := honestSteps(t, 6)
	a.Liquidations[2].End = 0
	rejected(t, a, "sequence")
}

// TestStepWithoutAKindIsRejected: a used step of kind 0.
func TestStepWithoutAKindIsRejected(t *testing.T) {
	a := honestSteps(t, 3)
	a.Liquidations[1].Kind = 0
	rejected(t, a, "kindsOf")
}

// TestFundRowThatIsNotTheFundIsRejected: row 0, which the takeover pays into, is not account 0.
func TestFundRowThatIsNotTheFundIsRejected(t *testing.T) {
	a := honestSteps(t, 3)
	a.Accounts[0].Index = 1
	rejected(t, a, "liquidations")
}

// TestAdlAgainstItselfIsRejected: gina's last 2,000 ETH "deleveraged" against herself.
func TestAdlAgainstItselfIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 5)
	b := s[5]
	b.Liquidations[0].Adl.Fills[2].Counterparty = batchgen.Gina
	forged(t, w, b, "adl-counterparty", "stepRows")
}

// TestTakeoverByAnotherAccountIsRejected: frank, not the fund, takes dave's 600 over, unsigned.
func TestTakeoverByAnotherAccountIsRejected(t *testing.T) {
	a := honestSteps(t, 3)
	a.Liquidations[2].OtherRow = 2 // frank's row (fund 0, dave 1, frank 2)
	rejected(t, a, "stepRows")
}

// TestFeeOnATakeoverIsRejected: dave pays a "fee" of 1,000 on the takeover (the surplus is 1,000
// less).
func TestFeeOnATakeoverIsRejected(t *testing.T) {
	a := honestSteps(t, 3)
	a.Liquidations[2].TakerFee, a.Liquidations[2].Surplus = 1_000, 165_400
	rejected(t, a, "stepFees")
}

// TestAdlAgainstAPositionInAnotherMarketIsRejected: gina's ETH fill closes hank's BTC short.
func TestAdlAgainstAPositionInAnotherMarketIsRejected(t *testing.T) {
	a := honestSteps(t, 5)
	a.Liquidations[3].OtherSlot = 1 // hank: ETH in slot 0, BTC in slot 1
	rejected(t, a, "fillCells")
}

// TestUncoveredDeficitOutsideAnEndIsRejected: kate's close step publishes an uncovered deficit.
func TestUncoveredDeficitOutsideAnEndIsRejected(t *testing.T) {
	a := honestSteps(t, 6)
	a.Liquidations[1].Uncovered = 5
	rejected(t, a, "endLiquidation")
}

// TestCloseWithAnUnsignedOrderRowIsRejected: dave's close names an unused (unsigned) order row.
func TestCloseWithAnUnsignedOrderRowIsRejected(t *testing.T) {
	a := honestSteps(t, 3)
	a.Liquidations[1].Order = 1
	rejected(t, a, "stepOrder")
}

// TestCloseWithAnotherAccountsOrderIsRejected: erin's signed bid fills kate's close into lena's
// account.
func TestCloseWithAnotherAccountsOrderIsRejected(t *testing.T) {
	a := honestSteps(t, 6)
	a.Liquidations[1].OtherRow = 3 // lena's row (fund 0, erin 1, kate 2, lena 3)
	rejected(t, a, "stepOrder")
}
