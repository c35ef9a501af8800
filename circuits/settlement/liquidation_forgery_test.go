package settlement_test

import (
	"testing"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
)

// The forged sweeps below change one batch of batchgen.LiquidationScenario (or BoundScenario) so
// that it breaks one liquidation rule of docs/settlement.md, keeping every other amount consistent
// (worked out in the comments); the model must report the rule and the circuit must fail in the
// step that enforces it.

// sweepWorld returns the world after the first n batches of the liquidation scenario, and its
// batches.
func sweepWorld(t *testing.T, n int) (*batchgen.World, []ledger.Batch) {
	t.Helper()
	w := batchgen.NewWorld(batchgen.Sweep, batchgen.BTC, batchgen.ETH)
	return w, applied(t, w, batchgen.LiquidationScenario(w), n)
}

// boundWorld is sweepWorld for the bound scenario.
func boundWorld(t *testing.T, n int) (*batchgen.World, []ledger.Batch) {
	t.Helper()
	w := batchgen.NewWorldWith(batchgen.Sweep, batchgen.BoundParams(), batchgen.BTC)
	return w, applied(t, w, batchgen.BoundScenario(w), n)
}

func applied(t *testing.T, w *batchgen.World, batches []ledger.Batch, n int) []ledger.Batch {
	t.Helper()
	for i := 0; i < n; i++ {
		if _, violations, err := w.Apply(batches[i]); err != nil || len(violations) > 0 {
			t.Fatalf("batch %d: %v %v", i+1, err, violations)
		}
	}
	return batches
}

// forgedDaveClose is batch 4 with dave's liquidation closing his 400 BTC into frank's bid at bid,
// filled at price, with the given surplus: it breaks rule, and the circuit refuses it in step.
func forgedDaveClose(t *testing.T, bid, price, surplus int64, rule, step string) {
	t.Helper()
	w, s := sweepWorld(t, 3)
	b := s[3]
	l := &b.Liquidations[0]
	l.Closes = []ledger.Close{w.Close(w.Order(batchgen.Frank, btc, 1, 0, bid, 400), 400, price)}
	l.Surplus = surplus
	forged(t, w, b, rule, step)
}

const (
	btc = batchgen.BTC
	eth = batchgen.ETH
)

// TestLiquidationAboveMaintenanceIsRejected: kate, who just bought at the mark (equity 4,577,500,
// maintenance 2,250,000), is taken over by the fund.
func TestLiquidationAboveMaintenanceIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 4)
	b := s[4]
	b.Liquidations = []ledger.Liquidation{{Account: batchgen.Kate,
		Takeovers: []ledger.Takeover{{Market: btc, Quantity: 1_000, Price: 45_000}}, Surplus: 4_577_500}}
	forged(t, w, b, "liquidation-margin", "liquidate")
}

// TestLiquidationAtAStaleMarkIsRejected: the batch is at 320 and gina is liquidated on an ETH
// price published at 259: every ETH record is stale (the mark, the lower median of 2,500 and
// 3,000, is the same 2,500, but not valid).
func TestLiquidationAtAStaleMarkIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 5)
	b := s[5]
	b.Time = 320
	b.Oracles[0] = w.Price(eth, 1, 2_500, 259)
	forged(t, w, b, "liquidation-mark", "liquidate")
}

// TestLiquidationOfTheFundIsRejected: the fund's unwind is dressed up as its own liquidation.
func TestLiquidationOfTheFundIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 4)
	b := s[4]
	b.Liquidations = []ledger.Liquidation{{Account: ledger.FundAccount, Closes: b.Unwinds}}
	b.Unwinds = nil
	forged(t, w, b, "liquidation-account", "liquidate")
}

// TestCloseOutsideTheBandIsRejected: dave's 400 sold at 42,740, below 45,000 - 2,250 (realized
// -2,904,000, fee 8,548: surplus 62,452).
func TestCloseOutsideTheBandIsRejected(t *testing.T) {
	forgedDaveClose(t, 42_740, 42_740, 62_452, "close-band", "closeFill")
}

// TestCloseThatGrowsTheLiquidatedPositionIsRejected: dave's long 1,000 "closed" by selling 1,200.
func TestCloseThatGrowsTheLiquidatedPositionIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 3)
	b := s[3]
	bid := w.Order(batchgen.Frank, btc, 1, 0, 43_000, 1_200)
	b.Liquidations[0] = ledger.Liquidation{Account: batchgen.Dave, Closes: []ledger.Close{w.Close(bid, 1_200, 43_000)}}
	forged(t, w, b, "liquidation-reduce", "step/applyLeg")
}

// TestCloseAgainstAnOrderOnTheSameSideIsRejected: dave's sale is "filled" by frank's sell order.
func TestCloseAgainstAnOrderOnTheSameSideIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 3)
	b := s[3]
	b.Liquidations[0].Closes = []ledger.Close{w.Close(w.Order(batchgen.Frank, btc, 1, 1, 43_000, 400), 400, 43_000)}
	forged(t, w, b, "close-side", "stepOrder")
}

// TestCloseOffTheTickIsRejected: dave's 400 sold at 43,005 (realized -2,798,000, fee 8,601:
// surplus 168,399).
func TestCloseOffTheTickIsRejected(t *testing.T) {
	forgedDaveClose(t, 43_005, 43_005, 168_399, "trade-price", "closeFill")
}

// TestCloseBeyondTheMakersLimitIsRejected: frank bid 43,000 and pays 43,500 (dave: realized
// -2,600,000, fee 8,700: surplus 366,300).
func TestCloseBeyondTheMakersLimitIsRejected(t *testing.T) {
	forgedDaveClose(t, 43_000, 43_500, 366_300, "trade-limit", "closeFill")
}

// TestCloseFeeAboveTheRateIsRejected: dave pays one unit more than the taker rate.
func TestCloseFeeAboveTheRateIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 3)
	b := s[3]
	l := &b.Liquidations[0]
	l.Closes[0].TakerFee++
	l.Surplus--
	forged(t, w, b, "trade-fee", "closeFill")
}

// TestUnwindWithoutAValidMarkIsRejected: at 270 every BTC price is stale; the fund unwinds anyway.
func TestUnwindWithoutAValidMarkIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 4)
	b := ledger.Batch{Time: 270, Unwinds: s[4].Unwinds}
	forged(t, w, b, "mark-invalid", "closeFill")
}

// TestCloseMakerBelowTheMarginRuleIsRejected: mia, with 900,000, buys dave's 400 at 43,000: equity
// 1,701,720 below her initial requirement 1,800,000.
func TestCloseMakerBelowTheMarginRuleIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 3)
	b := s[3]
	mia := int64(30)
	b.Deposits = []ledger.Deposit{w.Deposit(mia, 900_000)}
	b.Liquidations[0].Closes = []ledger.Close{w.Close(w.Order(mia, btc, 1, 0, 43_000, 400), 400, 43_000)}
	forged(t, w, b, "margin", "closeFill")
}

// TestTakeoverAboveTheFundsBoundIsRejected: the fund, already long its maximum 1,000, takes paul's
// 1,000 over too.
func TestTakeoverAboveTheFundsBoundIsRejected(t *testing.T) {
	w, s := boundWorld(t, 2)
	b := s[2]
	b.Liquidations[1] = ledger.Liquidation{Account: batchgen.Paul,
		Takeovers: []ledger.Takeover{{Market: btc, Quantity: 1_000, Price: 45_000}}, Surplus: 975_000}
	forged(t, w, b, "max-position", "step/applyLeg")
}

// TestTakeoverNotAtTheMarkIsRejected: the fund takes dave's 600 at 44,990 (surplus 160,400).
func TestTakeoverNotAtTheMarkIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 3)
	b := s[3]
	l := &b.Liquidations[0]
	l.Takeovers[0].Price = 44_990
	l.Surplus = 160_400
	forged(t, w, b, "takeover-price", "takeover")
}

// TestTakeoverOfPartOfAPositionIsRejected: dave's 600 taken over as 500, then 100.
func TestTakeoverOfPartOfAPositionIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 3)
	b := s[3]
	b.Liquidations[0].Takeovers = []ledger.Takeover{{Market: btc, Quantity: 500, Price: 45_000},
		{Market: btc, Quantity: 100, Price: 45_000}}
	forged(t, w, b, "takeover-quantity", "takeover")
}

// TestTakeoverWhenTheFundCannotPayIsRejected: gina (equity -825,000) taken over by a fund holding
// 192,930: it pays all it has and 632,070 stays uncovered, where auto-deleveraging had to absorb it.
func TestTakeoverWhenTheFundCannotPayIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 5)
	b := s[5]
	b.Liquidations = []ledger.Liquidation{{Account: batchgen.Gina,
		Takeovers: []ledger.Takeover{{Market: btc, Quantity: 100, Price: 45_000}, {Market: eth, Quantity: 5_000, Price: 2_500}},
		Covered:   192_930, Uncovered: 632_070}}
	forged(t, w, b, "takeover-allowed", "takeover")
}

// TestSurplusKeptFromTheFundIsRejected: dave keeps the 166,400 left after the takeover.
func TestSurplusKeptFromTheFundIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 3)
	b := s[3]
	b.Liquidations[0].Surplus = 0
	forged(t, w, b, "insurance-surplus", "endLiquidation")
}

// TestDeficitPaidByCounterpartiesBeforeTheFundIsRejected: the fund keeps its 192,930 and the
// whole deficit 825,000 goes into the ADL price: 45,000 + 8,250 (gina ends at 0).
func TestDeficitPaidByCounterpartiesBeforeTheFundIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 5)
	b := s[5]
	adl := b.Liquidations[0].Adl
	adl.Covered = 0
	adl.Fills[0].Price = 53_250
	forged(t, w, b, "adl-cover", "cover")
}

// daveDeleveraged is batch 4 with dave's remaining 600 BTC deleveraged against erin at the mark
// instead of taken over by the fund.
func daveDeleveraged(t *testing.T) (*batchgen.World, ledger.Batch) {
	t.Helper()
	w, s := sweepWorld(t, 3)
	b := s[3]
	l := &b.Liquidations[0]
	l.Takeovers, l.Surplus = nil, 0
	l.Adl = &ledger.Deleveraging{Fills: []ledger.AdlFill{{Counterparty: batchgen.Erin, Market: btc, Quantity: 600, Price: 45_000}}}
	return w, b
}

// TestAdlWhileTheFundCouldTakeOverIsRejected: dave's remaining 600 (equity 166,400, the fund can
// pay and hold) deleveraged against erin at the mark.
func TestAdlWhileTheFundCouldTakeOverIsRejected(t *testing.T) {
	w, b := daveDeleveraged(t)
	forged(t, w, b, "adl-allowed", "cover")
}

// TestAdlClaimingTheFundsBoundIsRejected: the same, with the witness claiming that the fund's
// position would pass its bound (the fund holds no BTC).
func TestAdlClaimingTheFundsBoundIsRejected(t *testing.T) {
	w, b := daveDeleveraged(t)
	a, violations := assign(t, w, b)
	violates(t, violations, "adl-allowed")
	a.Liquidations[2].Hold = ledger.HoldBound
	rejected(t, a, "cover")
}

// TestAdlClaimingTheFundHasNoSlotIsRejected: dave's ADL claims the fund has no position slot for
// BTC (it has eight free ones).
func TestAdlClaimingTheFundHasNoSlotIsRejected(t *testing.T) {
	w, b := daveDeleveraged(t)
	a, violations := assign(t, w, b)
	violates(t, violations, "adl-allowed")
	a.Liquidations[2].Hold = ledger.HoldSlots
	rejected(t, a, "cover")
}

// TestAdlAgainstAnAccountWithNoOppositePositionIsRejected: gina's last 2,000 ETH go to frank, who
// holds no ETH.
func TestAdlAgainstAnAccountWithNoOppositePositionIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 5)
	b := s[5]
	b.Liquidations[0].Adl.Fills[2] = ledger.AdlFill{Counterparty: batchgen.Frank, Market: eth, Quantity: 2_000, Price: 2_500}
	forged(t, w, b, "adl-counterparty", "step/applyLeg")
}

// TestAdlOfMoreThanTheCounterpartyHoldsIsRejected: hank, short 3,000 ETH, takes 4,000.
func TestAdlOfMoreThanTheCounterpartyHoldsIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 5)
	b := s[5]
	fills := b.Liquidations[0].Adl.Fills
	fills[1].Quantity, fills[2].Quantity = 4_000, 1_000
	forged(t, w, b, "adl-counterparty", "step/applyLeg")
}

// TestAdlAtAPriceTheRuleDoesNotGiveIsRejected: BTC deleveraged at 50,000 instead of 51,321 (gina
// ends at -132,070, uncovered by the empty fund).
func TestAdlAtAPriceTheRuleDoesNotGiveIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 5)
	b := s[5]
	b.Liquidations[0].Adl.Fills[0].Price = 50_000
	b.Liquidations[0].Uncovered = 132_070
	forged(t, w, b, "adl-price", "deleverage")
}

// TestAdlOutOfRankOrderIsRejected: ivan (score 1,006,000) deleveraged before hank (1,500,000).
func TestAdlOutOfRankOrderIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 5)
	b := s[5]
	fills := b.Liquidations[0].Adl.Fills
	fills[1], fills[2] = ledger.AdlFill{Counterparty: batchgen.Ivan, Market: eth, Quantity: 2_000, Price: 2_500},
		ledger.AdlFill{Counterparty: batchgen.Hank, Market: eth, Quantity: 3_000, Price: 2_500}
	forged(t, w, b, "adl-rank", "deleverage")
}

// TestAdlMarketsOutOfOrderAreRejected: ETH first, at 2,500 + ceil(632,070 / 5,000) = 2,627, then
// BTC at the mark (gina ends at 2,930): the deficit lands on ETH's shorts instead of BTC's.
func TestAdlMarketsOutOfOrderAreRejected(t *testing.T) {
	w, s := sweepWorld(t, 5)
	b := s[5]
	b.Liquidations[0].Adl.Fills = []ledger.AdlFill{{Counterparty: batchgen.Hank, Market: eth, Quantity: 3_000, Price: 2_627},
		{Counterparty: batchgen.Ivan, Market: eth, Quantity: 2_000, Price: 2_627},
		{Counterparty: batchgen.Erin, Market: btc, Quantity: 100, Price: 45_000}}
	forged(t, w, b, "adl-order", "deleverage")
}

// TestAdlRestartingAMarketIsRejected: the witness marks ivan's ETH fill as a new market's first,
// which would reset the rank order and reprice.
func TestAdlRestartingAMarketIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 5)
	a := honestAssignment(t, w, s[5])
	a.Liquidations[4].First = 1
	rejected(t, a, "deleverage")
}

// TestAdlFillOutsideItsMarketGroupIsRejected: the witness marks the ETH fills as a continuation
// of the BTC fills, at BTC's deficit-absorbing price.
func TestAdlFillOutsideItsMarketGroupIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 5)
	a := honestAssignment(t, w, s[5])
	a.Liquidations[3].First = 0
	a.Liquidations[3].Price, a.Liquidations[4].Price = a.Liquidations[2].Price, a.Liquidations[2].Price
	rejected(t, a, "deleverage")
}

// TestAdlQuantityNotTheRulesIsRejected: hank takes 2,000 of his 3,000 (neither side closes), ivan
// 2,000, hank the last 1,000.
func TestAdlQuantityNotTheRulesIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 5)
	b := s[5]
	b.Liquidations[0].Adl.Fills = []ledger.AdlFill{{Counterparty: batchgen.Erin, Market: btc, Quantity: 100, Price: 51_321},
		{Counterparty: batchgen.Hank, Market: eth, Quantity: 2_000, Price: 2_500},
		{Counterparty: batchgen.Ivan, Market: eth, Quantity: 2_000, Price: 2_500},
		{Counterparty: batchgen.Hank, Market: eth, Quantity: 1_000, Price: 2_500}}
	forged(t, w, b, "adl-quantity", "deleverage")
}

// TestCoverOfAFlatAccountIsRejected: lena, flat, goes through a cover (with nothing to deleverage).
func TestCoverOfAFlatAccountIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 6)
	b := s[6]
	b.Liquidations[1].Adl = &ledger.Deleveraging{}
	forged(t, w, b, "liquidation-sequence", "cover")
}

// TestLiquidationEndingWithAPositionIsRejected: dave's liquidation ends after the close, 600 still
// open.
func TestLiquidationEndingWithAPositionIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 3)
	b := s[3]
	b.Liquidations[0].Takeovers, b.Liquidations[0].Surplus = nil, 0
	forged(t, w, b, "liquidation-flat", "endLiquidation")
}

// TestHiddenUncoveredDeficitIsRejected: kate ends at -2,441,500 and no uncovered deficit is
// published.
func TestHiddenUncoveredDeficitIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 6)
	b := s[6]
	b.Liquidations[0].Uncovered = 0
	forged(t, w, b, "uncovered-deficit", "endLiquidation")
}

// TestDeficitLeftUncoveredWhileTheFundHadMoneyIsRejected: the fund received 1,000,000 in the batch
// but does not pay kate's deficit (lena's 442,500 it then does pay).
func TestDeficitLeftUncoveredWhileTheFundHadMoneyIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 6)
	b := s[6]
	fund := w.Deposit(ledger.FundAccount, 1_000_000)
	fund.Key = ledger.Key{}
	b.Deposits = []ledger.Deposit{fund}
	b.Liquidations[1].Covered, b.Liquidations[1].Uncovered = 442_500, 0
	forged(t, w, b, "deficit-cover", "endLiquidation")
}

// TestLiquidationThatNeverEndsIsRejected: the witness drops the end of dave's liquidation (and
// with it the surplus).
func TestLiquidationThatNeverEndsIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 3)
	a := honestAssignment(t, w, s[3])
	a.Liquidations[2].End, a.Liquidations[2].Surplus = 0, 0
	rejected(t, a, "liquidations")
}

// TestUnwindOutsideTheBandIsRejected: the fund sells its 600 at 42,700, below 45,000 - 2,250.
func TestUnwindOutsideTheBandIsRejected(t *testing.T) {
	w, s := sweepWorld(t, 4)
	b := s[4]
	b.Unwinds = []ledger.Close{w.Close(w.Order(batchgen.Erin, btc, 2, 0, 42_700, 600), 600, 42_700)}
	forged(t, w, b, "close-band", "closeFill")
}
