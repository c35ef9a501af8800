package settlement_test

import (
	"testing"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
)

// Attacks on option expiry and on portfolio accounts that had no test of their own (issue 12).

// The operator settles the options early: a batch one tick before their expiry, whose witness
// claims each option row's expiry is the batch time, so the rows count as expired, settle at BTC's
// mark (52,000), store the settled flag and S in their leaves, and every holder's expiry step pays
// the rule's payoff at that S. Everything but the terms is consistent; the terms are hashed in the
// market leaf, which then does not open.
func TestExpirySettledBeforeItsTimeByAnEarlierExpiryIsRejected(t *testing.T) {
	w := expiryWorld(t)
	b := batchgen.ExpiryBatch(w, 52_000)
	b.Time--
	b.Oracles = b.Oracles[:2]
	a, violations := assign(t, w, b)
	violates(t, violations, "expiry-early")
	options := 0
	for j := range a.Options {
		if a.Options[j].IsOption == 1 {
			a.Options[j].Expiry = b.Time
			options++
		}
	}
	if options != 2 {
		t.Fatalf("%d option rows, want the call and the put", options)
	}
	rejected(t, a, "storeMarkets")
}

// A batch long before the expiry whose witness claims the call's leaf already holds the settled
// flag and a settlement price (52,000): a settled row takes no fill and pays every later holder at
// its stored S, so the flag must never be set before the expiry.
func TestExpirySettledFlagBeforeTheExpiryIsRejected(t *testing.T) {
	w := expiryWorld(t)
	b := ledger.Batch{Time: 500, Oracles: []ledger.OraclePrice{w.Price(batchgen.BTC, 0, 50_300, 490)},
		Withdrawals: []ledger.Withdrawal{w.Withdraw(9, 1_000)}, // bob, long calls: the call row is loaded
		OptionMarks: []ledger.OptionMark{batchgen.Mark(batchgen.BTCCall, 2_100)}}
	a, violations := assign(t, w, b)
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	solved(t, a)
	call := -1
	for j := range a.Markets {
		if id, ok := a.Markets[j].ID.(int64); ok && id == batchgen.BTCCall {
			call = j
		}
	}
	if call < 0 {
		t.Fatal("no call row")
	}
	a.Markets[call].Funded = 1
	a.Markets[call].LastFundingTime = 52_000
	rejected(t, a, "expiryColumns")
}

// narrowBTC is BTC's risk row at a 2% range: a short perpetual loses at most 1,000 a unit, so its
// portfolio maintenance (2%) is below the cross one (5%).
var narrowBTC = ledger.RiskRow{Market: batchgen.BTC, Underlying: batchgen.BTC, RangePpm: 20_000,
	Pnl: [16]int64{0, 0, 333, 333, -333, -333, 666, 666, -666, -666, 1000, 1000, -1000, -1000, 2000, -2000}}

// The cross rule used to liquidate a portfolio account: carol (short 1,000 BTC) switches to
// portfolio margin and withdraws down to an equity of 1,905,000, which meets her portfolio initial
// requirement (1,250,000 at narrowBTC); the next batch liquidates her by the cross rule (equity below
// the cross maintenance 2,505,000; the fund takes her position over at the mark). Every step is one
// the cross rule allows (the same batch proves for a twin carol in cross mode); only the portfolio
// account's liquidation is refused.
func TestPortfolioAccountLiquidatedByTheCrossRuleIsRejected(t *testing.T) {
	caps := batchgen.PortfolioSwitches
	caps.Steps = 2
	setup := func(crossAfter bool) *batchgen.World {
		w, _ := portfolioWorldAt(t, caps, 2, true)
		b3 := ledger.Batch{Time: 200, Oracles: []ledger.OraclePrice{w.Price(batchgen.BTC, 0, 50_100, 195)},
			Withdrawals: []ledger.Withdrawal{w.Withdraw(carol, 78_000_000)},
			Switches:    []ledger.MarginSwitch{w.Switch(carol, ledger.ModePortfolio, 2000)},
			RiskRows:    []ledger.RiskRow{narrowBTC}}
		honestBatch(t, w, b3)
		if crossAfter {
			if err := w.State.SetMarginMode(carol, 0); err != nil {
				t.Fatal(err)
			}
		}
		return w
	}
	liquidation := ledger.Batch{Time: 210, RiskRows: []ledger.RiskRow{narrowBTC},
		Liquidations: []ledger.Liquidation{{Account: carol, Surplus: 1_905_000,
			Takeovers: []ledger.Takeover{{Market: batchgen.BTC, Quantity: 1_000, Price: 50_100}}}}}
	honestBatch(t, setup(true), liquidation)

	w := setup(false)
	a, violations := assign(t, w, liquidation)
	if len(violations) != 1 || violations[0].Rule != "portfolio-liquidation" {
		t.Fatalf("violations %v, want only portfolio-liquidation", violations)
	}
	rejected(t, a, "settleAccounts")
}
