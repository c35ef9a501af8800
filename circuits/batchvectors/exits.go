package batchvectors

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/batchgen"
	"sable/circuits/exit"
	"sable/circuits/ledger"
	"sable/circuits/vectors"
)

// ExitsHeader heads exit.txt.
const ExitsHeader = `Sable exit vectors, made by Go (circuits/batchvectors; docs/bridge.md, "Exits"): what an exit pays
an account at the market rows the bridge stores, the option holders of the option scenario included
(OptionExitWorld: options at their committed marks; SettledExitWorld: a call settled at S = 52,000
whose holder was left out of the settling batch, its row's mark the payoff 2,000).
exit: collateral, slots (market:size:cost:fundingIndex, 8), rows (by slot, 0x0 for none), equity.
badrow: a row the exit circuit cannot decode (exit.CheckRow), with a one-word reason.
Regenerate: cd circuits && go run ./cmd/vectors   (deterministic)
Checked by: Go (batchvectors tests: the file is current; exit tests: each equity is the circuit's);
Java's ExitStatement must compute every equity and MarketRowValue refuse every badrow.`

// OptionExitWorld is the option scenario (at the OptionExpiries capacities) and a BTC trade,
// with the rows the bridge stores: alice (5) short 1,000 calls, long 500 puts and 100 BTC units;
// bob (9) long 600 calls and short 100 BTC units; carol (12) long 400 calls, short 500 puts.
func OptionExitWorld() (*batchgen.World, exit.Rows, error) {
	w := batchgen.NewOptionWorld(batchgen.OptionExpiries)
	rows := exit.Rows{}
	alice, bob := int64(5), int64(9)
	btc := ledger.Batch{Time: 300, Oracles: []ledger.OraclePrice{w.Price(batchgen.BTC, 1, 50_300, 298)},
		Trades: []ledger.Trade{w.Trade(w.Order(bob, batchgen.BTC, 3, 1, 50_300, 100),
			w.Order(alice, batchgen.BTC, 3, 0, 50_300, 100), 100, 50_300)},
		OptionMarks: []ledger.OptionMark{batchgen.Mark(batchgen.BTCCall, 2_150), batchgen.Mark(batchgen.BTCPut, 1_350)}}
	for i, b := range append(batchgen.OptionScenario(w), btc) {
		if err := applyRecorded(w, rows, b); err != nil {
			return nil, nil, fmt.Errorf("option exit world, batch %d: %w", i+1, err)
		}
	}
	return w, rows, nil
}

// SettledExitWorld is OptionExitWorld and the expiry batch at S = 52,000 settling every option
// position but bob's 600 calls (the ledger reports them, expiry-open; the circuit cannot see an
// account the batch does not load): the call's leaf stores S, its row the payoff 2,000 as mark.
func SettledExitWorld() (*batchgen.World, exit.Rows, error) {
	w, rows, err := OptionExitWorld()
	if err != nil {
		return nil, nil, err
	}
	b := batchgen.ExpiryBatch(w, 52_000)
	kept := b.Expiries[:0]
	for _, e := range b.Expiries {
		if e.Account != 9 {
			kept = append(kept, e)
		}
	}
	b.Expiries = kept
	if err := applyRecorded(w, rows, b); err != nil {
		return nil, nil, fmt.Errorf("settled exit world: %w", err)
	}
	return w, rows, nil
}

// applyRecorded applies a batch the ledger accepts but for expiry-open, and records its rows as
// the bridge does.
func applyRecorded(w *batchgen.World, rows exit.Rows, b ledger.Batch) error {
	wit, violations, err := w.Apply(b)
	if err != nil {
		return err
	}
	for _, v := range violations {
		if v.Rule != "expiry-open" {
			return v
		}
	}
	rows.Record(w.Caps, wit.PublicData)
	return nil
}

// GenerateExits lists the exit of every option holder in both worlds, then the refused rows.
func GenerateExits() ([]vectors.Record, error) {
	var out []vectors.Record
	for _, world := range []func() (*batchgen.World, exit.Rows, error){OptionExitWorld, SettledExitWorld} {
		w, rows, err := world()
		if err != nil {
			return nil, err
		}
		for _, account := range batchgen.OptionHolders {
			a, _ := w.State.Account(account)
			r, err := rows.Of(a)
			if err != nil {
				return nil, err
			}
			slots, elems := make([]string, len(a.Slots)), make([]string, len(r))
			for p, s := range a.Slots {
				slots[p] = fmt.Sprintf("%d:%d:%d:%d", s.Market, s.Size, s.Cost, s.FundingIndex)
				elems[p] = "0x" + r[p].Text(16)
			}
			out = append(out, vectors.NewRecord("exit", "collateral", strconv.FormatInt(a.Collateral, 10),
				"slots", strings.Join(slots, ","), "rows", strings.Join(elems, ","),
				"equity", exit.Equity(a, r).String()))
		}
	}
	for _, bad := range BadRows() {
		out = append(out, vectors.NewRecord("badrow", "row", "0x"+bad.Row.Text(16), "reason", bad.Reason))
	}
	return out, nil
}

// BadRow is a row exit.CheckRow refuses, and why.
type BadRow struct {
	Row    fr.Element
	Reason string
}

// BadRows: a perpetual row with a volatility lane, an option row with a range lane (one bit above
// its 232), and a perpetual row one bit wider than a range lane's 252.
func BadRows() []BadRow {
	perp := ledger.MarketElement(batchgen.BTC, false, true, 0, 50_300, 0)
	option := ledger.Pack(ledger.F(ledger.MarketElement(batchgen.BTCCall, false, true, 0, 2_150, 0), 0),
		ledger.U(1, ledger.OptionElementBit), ledger.U(500_000, ledger.OptionVolShift))
	return []BadRow{
		{ledger.Pack(ledger.F(perp, 0), ledger.U(500_000, ledger.OptionVolShift)), "vol-without-option-bit"},
		{ledger.Pack(ledger.F(option, 0), ledger.U(1, ledger.RangeShift)), "range-with-option-bit"},
		{ledger.Pack(ledger.F(perp, 0), ledger.U(1, ledger.RangeShift+ledger.RangeBits)), "too-wide"},
	}
}
