package settlement_test

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// Liquidation and forced requests of portfolio accounts (docs/settlement.md "Portfolio margin in
// the circuit"): a liquidation starts below the account's portfolio maintenance requirement, a
// forced request is paid down to its portfolio initial requirement, both at the batch's committed
// risk rows.

// carolPortfolio is batchgen.PortfolioLiquidationScenario's world before its last batch: carol
// (short 1,000 BTC) switched to portfolio margin with an equity of 1,905,000 at BTC 50,100, her
// portfolio maintenance 1,000,000, her cross maintenance 2,505,000. With cross set, she is
// switched back to cross margin outside any batch (the twin the cross rule liquidates).
func carolPortfolio(t *testing.T, cross bool) *batchgen.World {
	t.Helper()
	w := batchgen.NewOptionWorld(batchgen.PortfolioLiquidations)
	batches := batchgen.PortfolioLiquidationScenario(w)
	for _, b := range batches[:len(batches)-1] {
		if _, violations, err := w.Apply(b); err != nil || len(violations) > 0 {
			t.Fatal(err, violations)
		}
	}
	if cross {
		if err := w.State.SetMarginMode(carol, 0); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// BTC at 50,910 leaves carol an equity of 1,095,000 (below her cross maintenance, above her
// portfolio one): not liquidatable; at 51,000 her equity 1,005,000 is still above; at 51,010
// (995,000) she is below her portfolio maintenance, and the fund takes her over.
func TestPortfolioAccountLiquidatedBelowItsPortfolioMaintenanceSolves(t *testing.T) {
	for _, price := range []int64{50_910, 51_000} {
		w := carolPortfolio(t, false)
		forged(t, w, batchgen.PortfolioTakeover(w, price), "liquidation-margin", "liquidate")
	}
	w := carolPortfolio(t, false)
	honestBatch(t, w, batchgen.PortfolioTakeover(w, 51_010))
	acc, _ := w.State.Account(carol)
	if acc.Collateral != 0 || acc.Slots[0].Size != 0 {
		t.Fatalf("carol after her liquidation: %+v", acc)
	}
}

// The cross rule used to liquidate a portfolio account: at BTC 50,100 carol's equity 1,905,000 is
// below her cross maintenance (2,505,000; the same batch proves for a twin carol in cross mode)
// but meets her portfolio maintenance (1,000,000).
func TestPortfolioAccountLiquidatedByTheCrossRuleIsRejected(t *testing.T) {
	twin := carolPortfolio(t, true)
	honestBatch(t, twin, batchgen.PortfolioTakeover(twin, 0))
	w := carolPortfolio(t, false)
	a, violations := assign(t, w, batchgen.PortfolioTakeover(w, 0))
	if len(violations) != 1 || violations[0].Rule != "liquidation-margin" {
		t.Fatalf("violations %v, want only liquidation-margin", violations)
	}
	rejected(t, a, "liquidate")
}

// A risk entry changed to make carol liquidatable: the witness's BTC row loses 2,000 a short unit
// in +R (s10) instead of 1,000, so her maintenance would be 2,000,000, above her equity 1,905,000,
// and the liquidation step passes; the rows are not the committed ones.
func TestPortfolioRiskEntryChangedToLiquidateIsRejected(t *testing.T) {
	w := carolPortfolio(t, false)
	a, violations := assign(t, w, batchgen.PortfolioTakeover(w, 0))
	violates(t, violations, "liquidation-margin")
	a.Risk[0].Pnl[10] = 2000 // batchgen.NarrowBTC's +R entry
	rejected(t, a, "bindPublicData")
}

// portfolioRequestBatch is batchgen.PortfolioLiquidationScenario's third batch: alice's forced
// request (no upper bound).
func portfolioRequestBatch(t *testing.T) (*ledger.Witness, *settlement.Circuit) {
	t.Helper()
	w := batchgen.NewOptionWorld(batchgen.PortfolioLiquidations)
	batches := batchgen.PortfolioLiquidationScenario(w)
	for _, b := range batches[:2] {
		if _, violations, err := w.Apply(b); err != nil || len(violations) > 0 {
			t.Fatal(err, violations)
		}
	}
	return honest(t, w, batches[2])
}

// Alice's forced request is paid her portfolio free equity, 6,075,200 - 4,562,500 = 1,512,700 (the
// most she could withdraw, TestPortfolioAccountWithdrawalBeyondItsRuleIsRejected); by the cross rule
// (requirement 10,020,000 above her equity) she would be paid nothing.
func TestPortfolioAccountForcedRequestIsPaidItsPortfolioFreeEquity(t *testing.T) {
	wit, a := portfolioRequestBatch(t)
	if p := paid(wit); len(p) != 1 || p[0] != 1_512_700 {
		t.Fatalf("paid %v, want [1512700]", p)
	}
	solved(t, a)
}

// The operator posts alice's payment one unit beyond her portfolio free equity.
func TestPortfolioAccountForcedRequestPaidBeyondItsFreeEquityIsRejected(t *testing.T) {
	wit, a := portfolioRequestBatch(t)
	caps := batchgen.PortfolioLiquidations
	at := caps.RequestsAt() + 2 + 5*caps.Requests
	rebind(a, wit, func(d []fr.Element) { d[at] = fr.NewElement(uint64(wit.Requests[0].Paid + 1)) })
	rejected(t, a, "bindPublicData")
}

// wideBTC is BTC's risk row at a 10% range: a short perpetual loses 5,000 a unit in +R, so a short
// portfolio account's initial requirement (6,250 a unit) is above the cross one (10% of the mark).
var wideBTC = ledger.RiskRow{Market: batchgen.BTC, Underlying: batchgen.BTC, RangePpm: 100_000,
	Pnl: [16]int64{0, 0, 1665, 1665, -1665, -1665, 3330, 3330, -3330, -3330, 5000, 5000, -5000, -5000, 10000, -10000}}

// A close's maker held to its portfolio rule: carol (at wideBTC, maintenance 5,000,000 above her
// equity 1,905,000) is liquidated by buying 1,000 BTC at the mark 50,100 from dave's signed sell,
// which opens dave's short (the maker's rebate 5,010, the taker fee as much). Dave (6,005,010
// after it) meets the cross initial requirement (5,010,000; the batch proves for a cross dave) but,
// in portfolio mode, not his portfolio one (6,250,000 at wideBTC): the ledger finds `margin`, the
// circuit refuses the close.
func TestPortfolioMakerOfACloseBelowItsPortfolioRuleIsRejected(t *testing.T) {
	caps := batchgen.PortfolioLiquidations
	caps.Steps = 3 // start, close, end
	setup := func(portfolio bool) *batchgen.World {
		w := batchgen.NewOptionWorld(caps)
		batches := batchgen.PortfolioLiquidationScenario(w)
		for _, b := range batches[:len(batches)-1] {
			if _, violations, err := w.Apply(b); err != nil || len(violations) > 0 {
				t.Fatal(err, violations)
			}
		}
		honestBatch(t, w, ledger.Batch{Time: 207, Deposits: []ledger.Deposit{w.Deposit(dave, 6_000_000)}})
		if portfolio {
			if err := w.State.SetMarginMode(dave, ledger.ModePortfolio); err != nil {
				t.Fatal(err)
			}
		}
		return w
	}
	liquidation := func(w *batchgen.World) ledger.Batch {
		return ledger.Batch{Time: 210, RiskRows: []ledger.RiskRow{wideBTC},
			Liquidations: []ledger.Liquidation{{Account: carol, Closes: []ledger.Close{
				{Maker: w.Order(dave, batchgen.BTC, 1, 1, 50_100, 1_000), Quantity: 1_000, Price: 50_100, MakerFee: -5_010, TakerFee: 5_010}}}}}
	}
	cross := setup(false)
	honestBatch(t, cross, liquidation(cross))
	w := setup(true)
	forged(t, w, liquidation(w), "margin", "closeFill")
}

// A portfolio account holding an option is liquidated below its portfolio maintenance and the fund
// takes both positions over, the option at its mark: alice's covered call (PortfolioSwitchScenario's
// first two batches: long 1,000 BTC, short 1,000 calls, portfolio maintenance 3,650,000) with BTC
// at 45,000 and the call marked 200 has an equity of 6,025,200 - 1,000 x 5,050 + 1,000 x 1,800 =
// 2,775,200; she buys her calls back from the fund at 200 (the fund receives the premium) and the
// fund keeps her rest. At BTC 47,000 (equity 4,675,200) she is not liquidatable, though below the
// cross maintenance of her positions (4,700,000: 5% of 47,000 x 1,000 for each).
func TestPortfolioAccountHoldingAnOptionLiquidatedSolves(t *testing.T) {
	caps := batchgen.PortfolioLiquidations
	caps.Steps = 3
	sweep := func(w *batchgen.World, price, callMark, surplus int64) ledger.Batch {
		b := ledger.Batch{Time: 150, RiskRows: batchgen.PortfolioRisk(batchgen.BTC, batchgen.BTCCall),
			OptionMarks: []ledger.OptionMark{batchgen.Mark(batchgen.BTCCall, callMark)},
			Liquidations: []ledger.Liquidation{{Account: batchgen.PortfolioAlice, Surplus: surplus,
				Takeovers: []ledger.Takeover{{Market: batchgen.BTC, Quantity: 1_000, Price: price},
					{Market: batchgen.BTCCall, Quantity: 1_000, Price: callMark}}}}}
		for source := range int64(3) {
			b.Oracles = append(b.Oracles, w.Price(batchgen.BTC, source, price, 145))
		}
		return b
	}
	for _, honest := range []bool{false, true} {
		w := batchgen.NewOptionWorld(caps)
		for _, b := range batchgen.PortfolioSwitchScenario(w)[:2] {
			if _, violations, err := w.Apply(b); err != nil || len(violations) > 0 {
				t.Fatal(err, violations)
			}
		}
		fund, _ := w.State.Account(ledger.FundAccount)
		if !honest {
			forged(t, w, sweep(w, 47_000, 200, 4_675_200), "liquidation-margin", "liquidate")
			continue
		}
		honestBatch(t, w, sweep(w, 45_000, 200, 2_775_200))
		after, _ := w.State.Account(ledger.FundAccount)
		if got := after.Collateral - fund.Collateral; got != 2_775_200+200*1_000 { // her rest and the calls' premium (the perpetual goes into its cost)
			t.Errorf("the fund's collateral moved by %d", got)
		}
		for _, s := range after.Slots {
			if s.Market == batchgen.BTCCall && (s.Size != -1_000 || s.Cost != 0) {
				t.Errorf("the fund's calls: %+v", s)
			}
		}
	}
}
