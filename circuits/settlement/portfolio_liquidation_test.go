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

// narrowBTC is BTC's risk row at a 2% range: a short perpetual loses at most 1,000 a unit, so its
// portfolio maintenance (2%) is below the cross one (5%).
var narrowBTC = ledger.RiskRow{Market: batchgen.BTC, Underlying: batchgen.BTC, RangePpm: 20_000,
	Pnl: [16]int64{0, 0, 333, 333, -333, -333, 666, 666, -666, -666, 1000, 1000, -1000, -1000, 2000, -2000}}

// carolPortfolio is the portfolio world at the PortfolioSwitches capacities with two liquidation
// steps after carol (short 1,000 BTC) switched to portfolio margin and withdrew down to an equity
// of 1,905,000 at BTC 50,100: her portfolio maintenance is 1,000,000 (the +R scenarios, 1,000 a
// unit at narrowBTC), her initial 1,250,000, her cross maintenance 2,505,000. With cross set,
// she is switched back to cross margin outside any batch (the twin the cross rule liquidates).
func carolPortfolio(t *testing.T, cross bool) *batchgen.World {
	t.Helper()
	caps := batchgen.PortfolioSwitches
	caps.Steps = 2
	w, _ := portfolioWorldAt(t, caps, 2, true)
	honestBatch(t, w, ledger.Batch{Time: 200, Oracles: []ledger.OraclePrice{w.Price(batchgen.BTC, 0, 50_100, 195)},
		Withdrawals: []ledger.Withdrawal{w.Withdraw(carol, 78_000_000)},
		Switches:    []ledger.MarginSwitch{w.Switch(carol, ledger.ModePortfolio, 2000)},
		RiskRows:    []ledger.RiskRow{narrowBTC}})
	if cross {
		if err := w.State.SetMarginMode(carol, 0); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// carolTakenOver is the batch that liquidates carol at BTC's mark (all three sources at price
// when price > 0):
// the fund takes her position over and keeps her rest, equity + 1,000 x (50,100 - mark).
func carolTakenOver(w *batchgen.World, price int64) ledger.Batch {
	b := ledger.Batch{Time: 210, RiskRows: []ledger.RiskRow{narrowBTC}}
	mark := int64(50_100)
	if price > 0 {
		for source := range int64(3) { // every source of the median
			b.Oracles = append(b.Oracles, w.Price(batchgen.BTC, source, price, 205))
		}
		mark = price
	}
	b.Liquidations = []ledger.Liquidation{{Account: carol, Surplus: 1_905_000 + 1_000*(50_100-mark),
		Takeovers: []ledger.Takeover{{Market: batchgen.BTC, Quantity: 1_000, Price: mark}}}}
	return b
}

// BTC at 50,910 leaves carol an equity of 1,095,000 (below her cross maintenance, above her
// portfolio one): not liquidatable; at 51,000 her equity 1,005,000 is still above; at 51,010
// (995,000) she is below her portfolio maintenance, and the fund takes her over.
func TestPortfolioAccountLiquidatedBelowItsPortfolioMaintenanceSolves(t *testing.T) {
	for _, price := range []int64{50_910, 51_000} {
		w := carolPortfolio(t, false)
		forged(t, w, carolTakenOver(w, price), "liquidation-margin", "liquidate")
	}
	w := carolPortfolio(t, false)
	honestBatch(t, w, carolTakenOver(w, 51_010))
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
	honestBatch(t, twin, carolTakenOver(twin, 0))
	w := carolPortfolio(t, false)
	a, violations := assign(t, w, carolTakenOver(w, 0))
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
	a, violations := assign(t, w, carolTakenOver(w, 0))
	violates(t, violations, "liquidation-margin")
	a.Risk[0].Pnl[10] = 2000
	rejected(t, a, "bindPublicData")
}

// portfolioRequestBatch is the portfolio scenario's third batch serving alice's forced request
// (no upper bound) instead of her withdrawal, at capacities with one request slot.
func portfolioRequestBatch(t *testing.T) (ledger.Capacities, *ledger.Witness, *settlement.Circuit) {
	t.Helper()
	caps := batchgen.Portfolio
	caps.Requests = 1
	w, batches := portfolioWorldAt(t, caps, 2, true)
	b := batches[2]
	b.Withdrawals = nil
	b.Requests = []ledger.ForcedRequest{w.Force(batchgen.PortfolioAlice, 1<<62)}
	wit, violations, err := w.Apply(b)
	if err != nil || len(violations) > 0 {
		t.Fatal(err, violations)
	}
	a, err := settlement.Assign(wit)
	if err != nil {
		t.Fatal(err)
	}
	return caps, wit, a
}

// Alice's forced request is paid her portfolio free equity, 6,075,200 - 4,562,500 = 1,512,700 (the
// most she could withdraw, TestPortfolioAccountWithdrawalBeyondItsRuleIsRejected); by the cross rule
// (requirement 10,020,000 above her equity) she would be paid nothing.
func TestPortfolioAccountForcedRequestIsPaidItsPortfolioFreeEquity(t *testing.T) {
	_, wit, a := portfolioRequestBatch(t)
	if p := paid(wit); len(p) != 1 || p[0] != 1_512_700 {
		t.Fatalf("paid %v, want [1512700]", p)
	}
	solved(t, a)
}

// The operator posts alice's payment one unit beyond her portfolio free equity.
func TestPortfolioAccountForcedRequestPaidBeyondItsFreeEquityIsRejected(t *testing.T) {
	caps, wit, a := portfolioRequestBatch(t)
	at := caps.RequestsAt() + 2 + 5*caps.Requests
	rebind(a, wit, func(d []fr.Element) { d[at] = fr.NewElement(uint64(wit.Requests[0].Paid + 1)) })
	rejected(t, a, "bindPublicData")
}
