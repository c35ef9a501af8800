package settlement_test

import (
	"testing"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// Margin-mode switches (batchgen.PortfolioSwitches; docs/settlement.md "The margin-mode switch"),
// on batchgen.PortfolioScenario: alice (6,000,000) makes a covered call that only the portfolio
// rule allows; carol (12) is short 1,000 BTC at 50,000 after the second batch.

func switchWorld(t *testing.T, n int, portfolio bool) (*batchgen.World, []ledger.Batch) {
	t.Helper()
	return portfolioWorldAt(t, batchgen.PortfolioSwitches, n, portfolio)
}

// honestBatch applies a batch that breaks no rule and returns its assignment.
func honestBatch(t *testing.T, w *batchgen.World, b ledger.Batch) {
	t.Helper()
	a := honestAssignment(t, w, b)
	solved(t, a)
}

func modeOf(t *testing.T, w *batchgen.World, account int64) int64 {
	t.Helper()
	acc, ok := w.State.Account(account)
	if !ok {
		t.Fatalf("no account %d", account)
	}
	return acc.Mode
}

// switchToPortfolio is the scenario's second batch with alice's signed switch to portfolio margin
// (request 1000) beside her covered call, which the cross rule refuses.
func switchToPortfolio(w *batchgen.World, b ledger.Batch) ledger.Batch {
	b.Switches = []ledger.MarginSwitch{w.Switch(batchgen.PortfolioAlice, ledger.ModePortfolio, 1000)}
	return b
}

// backToCross is a batch at the third batch's mark in which alice deposits 5,000,000 and switches
// back to cross margin (request 1001): her equity 11,075,200 covers the cross requirement
// 10,020,000 (10% of 1,000 x 50,100 for the perpetual and for the calls' margin price).
func backToCross(w *batchgen.World, b ledger.Batch, deposit int64) ledger.Batch {
	b.Withdrawals = nil
	if deposit > 0 {
		b.Deposits = []ledger.Deposit{w.Deposit(batchgen.PortfolioAlice, deposit)}
	}
	b.Switches = []ledger.MarginSwitch{w.Switch(batchgen.PortfolioAlice, 0, 1001)}
	return b
}

// Alice, cross-margined, switches to portfolio margin in the batch of her covered call (which then
// proves under the portfolio rule), and back to cross in the next once a deposit covers the cross
// requirement; her leaf holds each mode after its batch.
func TestModeSwitchSolves(t *testing.T) {
	w, batches := switchWorld(t, 1, false)
	honestBatch(t, w, switchToPortfolio(w, batches[1]))
	if modeOf(t, w, batchgen.PortfolioAlice) != ledger.ModePortfolio {
		t.Fatal("alice is not in portfolio mode after her switch")
	}
	honestBatch(t, w, backToCross(w, batches[2], 5_000_000))
	if modeOf(t, w, batchgen.PortfolioAlice) != 0 {
		t.Fatal("alice is not in cross mode after her switch back")
	}
}

// A switch signed by another key (bob's) for alice.
func TestModeSwitchNotSignedByTheOwnerIsRejected(t *testing.T) {
	w, batches := switchWorld(t, 1, false)
	b := batches[1]
	b.Switches = []ledger.MarginSwitch{w.SwitchAs(9, batchgen.PortfolioAlice, ledger.ModePortfolio, 1000)}
	forged(t, w, b, "mode-signature", "modeSwitches")
}

// Alice's signed switch to portfolio (request 1000), replayed after she switched back to cross:
// its fill slot holds 1000, and a switch must be newer than what its slot holds. She would pass
// the portfolio rule, so only the replay rule refuses it.
func TestModeSwitchReplayedIsRejected(t *testing.T) {
	w, batches := switchWorld(t, 1, false)
	toPortfolio := switchToPortfolio(w, batches[1])
	honestBatch(t, w, toPortfolio)
	honestBatch(t, w, backToCross(w, batches[2], 5_000_000))
	replay := ledger.Batch{Time: 210, Switches: toPortfolio.Switches,
		OptionMarks: []ledger.OptionMark{batchgen.Mark(batchgen.BTCCall, 2_000)},
		RiskRows:    batchgen.PortfolioRisk(batchgen.BTC, batchgen.BTCCall)}
	forged(t, w, replay, "mode-replay", "modeSwitches")
}

// Carol (short 1,000 BTC, cross) withdraws down to an equity of 5,805,000: the cross rule allows
// it (initial 5,010,000) and the batch proves; with her signed switch to portfolio beside it, the
// portfolio rule refuses it (a short perpetual loses 5,000 a unit at +R: initial 6,250,000).
func TestModeSwitchToPortfolioFailingItIsRejected(t *testing.T) {
	withdraw := func(w *batchgen.World) ledger.Batch {
		return ledger.Batch{Time: 200, Oracles: []ledger.OraclePrice{w.Price(batchgen.BTC, 0, 50_100, 195)},
			Withdrawals: []ledger.Withdrawal{w.Withdraw(carol, 74_100_000)},
			RiskRows:    batchgen.PortfolioRisk(batchgen.BTC)}
	}
	w, _ := switchWorld(t, 2, true)
	honestBatch(t, w, withdraw(w))
	w, _ = switchWorld(t, 2, true)
	b := withdraw(w)
	b.Switches = []ledger.MarginSwitch{w.Switch(carol, ledger.ModePortfolio, 2000)}
	forged(t, w, b, "margin", "endChecks")
}

// Alice, portfolio-margined with her covered call, switches back to cross without the deposit:
// the cross requirement 10,020,000 is above her equity 6,075,200.
func TestModeSwitchBackToCrossFailingItIsRejected(t *testing.T) {
	w, batches := switchWorld(t, 2, true)
	forged(t, w, backToCross(w, batches[2], 0), "margin", "endChecks")
}

// The mode flipped without a switch: a batch in which alice, cross-margined, withdraws; the new
// root claimed is the one her leaf would have in portfolio mode (made honestly by a twin world
// whose alice was put in portfolio mode before the batch). The circuit writes the mode it carried
// (no slot changed it), so the root differs.
func TestModeFlippedWithoutASwitchIsRejected(t *testing.T) {
	batch := func(w *batchgen.World) ledger.Batch {
		return ledger.Batch{Time: 130, Withdrawals: []ledger.Withdrawal{w.Withdraw(batchgen.PortfolioAlice, 1_000)}}
	}
	w, _ := switchWorld(t, 1, false)
	b := batch(w)
	d := publicDataOf(t, w, b)
	honest := honestAssignment(t, w, b)
	solved(t, honest)
	twin, _ := switchWorld(t, 1, true)
	if _, v, err := twin.Apply(batch(twin)); err != nil || len(v) > 0 {
		t.Fatal(err, v)
	}
	if d[ledger.PubNewRoot] == twin.State.Root() {
		t.Fatal("the flipped mode gives the honest root")
	}
	d[ledger.PubNewRoot] = twin.State.Root()
	bindTo(honest, d)
	rejected(t, honest, "bindPublicData")
}

func TestModeSwitchCircuitNamesRoundTrip(t *testing.T) {
	caps := batchgen.PortfolioSwitches
	caps.Expiries, caps.OwnerData = 6, true
	for _, c := range []ledger.Capacities{batchgen.PortfolioSwitches, caps} {
		name := settlement.Name(c)
		if got, ok := settlement.ParseName(name); !ok || got != c {
			t.Fatalf("%s parses to %+v, %v", name, got, ok)
		}
	}
	if name := settlement.Name(batchgen.PortfolioSwitches); name != "settlement-m3-k3-a4-d3-o4-t3-w2-s2-opt-pm" {
		t.Fatal(name)
	}
	if _, ok := settlement.ParseName("settlement-m3-k3-a4-d3-o4-t3-w2-s2-opt"); ok {
		t.Fatal("switch slots without portfolio margin parsed")
	}
}

// An order under the request id of alice's switch (1000), signed after it: the switch closed that
// fill slot (its filled amount is 2^63 - 1), so no order under the id fills.
func TestOrderUnderASwitchsRequestIDIsRejected(t *testing.T) {
	w, batches := switchWorld(t, 1, false)
	honestBatch(t, w, switchToPortfolio(w, batches[1]))
	b := ledger.Batch{Time: 200, Oracles: []ledger.OraclePrice{w.Price(batchgen.BTC, 0, 50_100, 195)},
		Trades: []ledger.Trade{w.Trade(w.Order(9, batchgen.BTC, 5, 1, 50_100, 100),
			w.Order(batchgen.PortfolioAlice, batchgen.BTC, 1000, 0, 50_100, 100), 100, 50_100)},
		OptionMarks: []ledger.OptionMark{batchgen.Mark(batchgen.BTCCall, 2_000)},
		RiskRows:    batchgen.PortfolioRisk(batchgen.BTC, batchgen.BTCCall)}
	forged(t, w, b, "overfill", "fillSlots")
}

// Two switches of one account in a batch chain in slot order: alice goes to portfolio (1000) and
// back to cross (1001) beside a withdrawal; she ends in cross mode, both request ids used.
func TestModeSwitchesOfOneAccountChainInABatch(t *testing.T) {
	w, _ := switchWorld(t, 1, false)
	b := ledger.Batch{Time: 130, Withdrawals: []ledger.Withdrawal{w.Withdraw(batchgen.PortfolioAlice, 1_000)},
		Switches: []ledger.MarginSwitch{w.Switch(batchgen.PortfolioAlice, ledger.ModePortfolio, 1000),
			w.Switch(batchgen.PortfolioAlice, 0, 1001)}}
	honestBatch(t, w, b)
	if modeOf(t, w, batchgen.PortfolioAlice) != 0 {
		t.Fatal("alice is not in cross mode after switching there and back")
	}
	replay := ledger.Batch{Time: 140, Switches: b.Switches[1:]}
	forged(t, w, replay, "mode-replay", "modeSwitches")
}

// The same signed switch in two slots of one batch: the second finds its fill slot holding its id.
func TestModeSwitchTwiceInOneBatchIsRejected(t *testing.T) {
	w, batches := switchWorld(t, 1, false)
	b := switchToPortfolio(w, batches[1])
	b.Switches = append(b.Switches, b.Switches[0])
	forged(t, w, b, "mode-replay", "modeSwitches")
}

// A switch of the insurance fund (keyless, so nothing it could sign verifies), here signed by
// alice's key for account 0.
func TestModeSwitchOfTheFundIsRejected(t *testing.T) {
	w, _ := switchWorld(t, 1, false)
	b := ledger.Batch{Time: 130, Switches: []ledger.MarginSwitch{w.SwitchAs(batchgen.PortfolioAlice, 0, ledger.ModePortfolio, 7)}}
	forged(t, w, b, "mode-signature", "modeSwitches")
}

// A signed switch to a mode other than cross (0) or portfolio (1): the mode is a bit.
func TestModeSwitchToAnUnknownModeIsRejected(t *testing.T) {
	w, _ := switchWorld(t, 1, false)
	b := ledger.Batch{Time: 130, Switches: []ledger.MarginSwitch{w.Switch(batchgen.PortfolioAlice, 2, 1000)}}
	forged(t, w, b, "mode-value", "modeSwitches")
}
