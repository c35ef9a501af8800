package settlement_test

import (
	"testing"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
	"sable/circuits/smt"
)

// Liquidation steps on option rows (docs/settlement.md "Liquidations" and "Option markets"):
// batchgen.OptionLiquidationScenario's sweeps, and a forgery of each option rule a step checks.

// optionSweepWorld is the option liquidation scenario's world after its first n batches.
func optionSweepWorld(t *testing.T, n int) (*batchgen.World, []ledger.Batch) {
	t.Helper()
	w := batchgen.NewOptionWorld(batchgen.OptionLiquidations)
	batches := batchgen.OptionLiquidationScenario(w)
	for i := 0; i < n; i++ {
		if _, violations, err := w.Apply(batches[i]); err != nil || len(violations) > 0 {
			t.Fatalf("option liquidation batch %d: %v %v", i+1, err, violations)
		}
	}
	return w, batches
}

// Every batch solves, and each fill on the put row moves its premium to collateral (the amounts
// of the scenario's comment): no option position keeps a cost.
func TestOptionLiquidationScenarioSolves(t *testing.T) {
	w, batches := optionSweepWorld(t, 2)
	want := []map[int64]int64{
		// carol: -4,300,000 - 2,150 - 6,300,000 - surplus; dan +4,300,430; the fund +6,300,000
		// + 147,925 - 6,480,000 - 3,240; alice +6,480,000 + 648
		{carol: -10_750_075, batchgen.Dan: 4_300_430, ledger.FundAccount: -35_315, alice: 6_480_648},
		// dan: +964,685 - 5,865,000; the fund -964,685; alice +5,865,000
		{batchgen.Dan: -4_900_315, ledger.FundAccount: -964_685, alice: 5_865_000},
	}
	for i, b := range batches[2:] {
		before := collaterals(w, carol, batchgen.Dan, ledger.FundAccount, alice)
		wit, violations, err := w.Apply(b)
		if err != nil || len(violations) > 0 {
			t.Fatalf("batch %d: %v %v", i+3, err, violations)
		}
		a, err := settlement.Assign(wit)
		if err != nil {
			t.Fatal(err)
		}
		solved(t, a)
		if i == 1 { // the ADL step publishes the put's market, the rule's price and alice's score 200 * 40,000
			at := ledger.PubHeaderLen + 3*w.Caps.Deposits + 1 + w.Caps.Withdrawals + w.Caps.Markets
			if want := ledger.StepElement(ledger.StepAdl, true, batchgen.BTCPut, 29_325, 8_000_000, 0); wit.PublicData[at+2] != want {
				t.Errorf("the ADL step's element %v, want %v", wit.PublicData[at+2], want)
			}
		}
		after := collaterals(w, carol, batchgen.Dan, ledger.FundAccount, alice)
		for acc, d := range want[i] {
			if after[acc]-before[acc] != d {
				t.Errorf("batch %d, account %d: collateral moved by %d, want %d", i+3, acc, after[acc]-before[acc], d)
			}
		}
		for _, acc := range []int64{carol, batchgen.Dan, ledger.FundAccount, alice} {
			a, _ := w.State.Account(acc)
			for _, s := range a.Slots {
				if s.Market == batchgen.BTCPut && s.Cost != 0 {
					t.Errorf("batch %d: account %d's put position %+v keeps a cost", i+3, acc, s)
				}
			}
		}
	}
	if a, _ := w.State.Account(batchgen.Dan); a.Collateral != 115 || a.Slots[0].Size != 0 {
		t.Errorf("dan after his auto-deleveraging: %+v", a)
	}
}

// The liquidatable check reads the put position at the option's committed mark and margin price:
// with the puts marked 20,100 carol's equity 700,075 is below her maintenance at the margin price
// max(20,100, 30,000) (750,000), though above it at the option's mark (502,500): she is liquidated
// (the fund takes all 500 at 20,100). Marked 19,000 her equity 1,250,075 is above it: refused.
func TestOptionHolderLiquidatedAtTheMarginPrice(t *testing.T) {
	for _, c := range []struct {
		mark, surplus int64
		honest        bool
	}{{20_100, 700_075, true}, {19_000, 1_250_075, false}} {
		w, batches := optionSweepWorld(t, 2)
		b := ledger.Batch{Time: batchgen.OptionSweepTime, Oracles: batches[2].Oracles,
			Liquidations: []ledger.Liquidation{{Account: carol,
				Takeovers: []ledger.Takeover{{Market: batchgen.BTCPut, Quantity: 500, Price: c.mark}},
				Surplus:   c.surplus}},
			OptionMarks: []ledger.OptionMark{batchgen.Mark(batchgen.BTCPut, c.mark)}}
		if c.honest {
			honestBatch(t, w, b)
		} else {
			forged(t, w, b, "liquidation-margin", "liquidate")
		}
	}
}

// A close whose premium is moved as a perpetual's cost: dan, opening a short of 200 puts at 21,500
// in carol's close, keeps the 4,300,000 as the position's cost instead of receiving it (a
// perpetual's fill). The root of that state, claimed for the batch, fails at the binding.
func TestOptionClosePremiumAsAPerpetualCostIsRejected(t *testing.T) {
	w, batches := optionSweepWorld(t, 2)
	wit, a := honest(t, w, batches[2])
	solved(t, a)
	dan, _ := w.State.Account(batchgen.Dan)
	if dan.Slots[0].Market != batchgen.BTCPut || dan.Slots[0].Size != -200 || dan.Slots[0].Cost != 0 {
		t.Fatalf("dan after the close: %+v", dan.Slots[0])
	}
	dan.Slots[0].Cost = -200 * 21_500
	dan.Collateral -= 200 * 21_500
	s := w.State
	forgedRoot := ledger.Root(smt.RootOf(batchgen.Dan, dan.Leaf(), s.AccountPath(batchgen.Dan)), s.MarketsRoot(),
		s.FeePool, s.FundingPool, s.Time, s.DepositCount)
	d := wit.PublicData
	if d[ledger.PubNewRoot] == forgedRoot {
		t.Fatal("the perpetual's cost gives the honest root")
	}
	d[ledger.PubNewRoot] = forgedRoot
	bindTo(a, d)
	rejected(t, a, "bindPublicData")
}

// carolsSweep is carol's liquidation (batch 3) with its close or takeover changed.
func carolsSweep(t *testing.T, change func(w *batchgen.World, l *ledger.Liquidation)) (*batchgen.World, ledger.Batch) {
	t.Helper()
	w, batches := optionSweepWorld(t, 2)
	b := batches[2]
	l := b.Liquidations[0]
	l.Closes = append([]ledger.Close(nil), l.Closes...)
	l.Takeovers = append([]ledger.Takeover(nil), l.Takeovers...)
	change(w, &l)
	b.Liquidations = []ledger.Liquidation{l}
	return w, b
}

// A close above the band at the option's mark: dan's offer at 22,060, 21,000 + 1,050 + 10 (the
// band is the option's maintenance fraction of its committed mark, not of the underlying's).
func TestOptionCloseOutsideTheBandIsRejected(t *testing.T) {
	w, b := carolsSweep(t, func(w *batchgen.World, l *ledger.Liquidation) {
		l.Closes[0] = w.Close(w.Order(batchgen.Dan, batchgen.BTCPut, 1, 1, 22_060, 200), 200, 22_060)
		l.Surplus -= 200*560 + 56 // the price and the taker fee it adds
	})
	forged(t, w, b, "close-band", "closeFill")
}

// A close at 21,505, off the put's tick of 10 (within dan's limit and the band).
func TestOptionCloseOffTheTickIsRejected(t *testing.T) {
	w, b := carolsSweep(t, func(w *batchgen.World, l *ledger.Liquidation) {
		c := &l.Closes[0]
		c.Price = 21_505
		l.Surplus -= 200 * 5
	})
	forged(t, w, b, "trade-price", "closeFill")
}

// The fund taking carol's 300 puts over at 20,000 instead of the option's mark 21,000 (it would
// receive 300,000 less premium, and she keep it).
func TestOptionTakeoverOffTheMarkIsRejected(t *testing.T) {
	w, b := carolsSweep(t, func(_ *batchgen.World, l *ledger.Liquidation) {
		l.Takeovers[0].Price = 20_000
		l.Surplus += 300 * 1_000
	})
	forged(t, w, b, "takeover-price", "takeover")
}

// Dan's puts deleveraged at 30,000 instead of the rule's 40,000 - ceil(2,134,885 / 200) = 29,325:
// alice, the counterparty, would receive 135,000 more than the deficit allows.
func TestOptionAdlOffTheRulesPriceIsRejected(t *testing.T) {
	w, batches := optionSweepWorld(t, 3)
	b := batches[3]
	l := b.Liquidations[0]
	adl := *l.Adl
	adl.Fills = []ledger.AdlFill{{Counterparty: alice, Market: batchgen.BTCPut, Quantity: 200, Price: 30_000}}
	l.Adl = &adl
	l.Uncovered = 134_885 // what the price leaves dan short of; the fund has nothing left after the cover
	b.Liquidations = []ledger.Liquidation{l}
	forged(t, w, b, "adl-price", "deleverage")
}

// At the puts' expiry (time 1,000,000) with no fresh BTC price, the put row is expired and does not
// settle yet (its underlying's mark is stale): the fund, holding carol's 300 puts after a sweep
// without its unwind, may not buy them back from alice's offer; only an expiry step closes them.
func TestOptionUnwindOnAnExpiredRowIsRejected(t *testing.T) {
	w, batches := optionSweepWorld(t, 2)
	sweep := batches[2]
	sweep.Unwinds = nil
	honestBatch(t, w, sweep)
	b := ledger.Batch{Time: batchgen.OptionExpiry,
		Unwinds:     []ledger.Close{w.Close(w.Order(alice, batchgen.BTCPut, 3, 1, 21_600, 300), 300, 21_600)},
		OptionMarks: []ledger.OptionMark{batchgen.NoMark(batchgen.BTCCall), batchgen.NoMark(batchgen.BTCPut)}}
	forged(t, w, b, "option-expired", "fillCells")
}
