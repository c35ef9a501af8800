package exit_test

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"sable/circuits/batchgen"
	"sable/circuits/exit"
	"sable/circuits/ledger"
)

// Exits of option holders (exit-d24-opt). After the option scenario (batchgen.OptionScenario) and
// a BTC trade: alice short 1,000 calls, long 500 puts and long 100 BTC units; bob long 600 calls and
// short 100; carol long 400 calls and short 500 puts.

// optionWorld is the option world after the scenario and the BTC trade, with the bridge's rows.
func optionWorld(t *testing.T) (*batchgen.World, exit.Rows) {
	t.Helper()
	w := batchgen.NewOptionWorld(batchgen.OptionExpiries)
	rows := exit.Rows{}
	btc := ledger.Batch{Time: 300, Oracles: []ledger.OraclePrice{w.Price(batchgen.BTC, 1, 50_300, 298)},
		Trades:      []ledger.Trade{w.Trade(w.Order(bob, batchgen.BTC, 3, 1, 50_300, 100), w.Order(alice, batchgen.BTC, 3, 0, 50_300, 100), 100, 50_300)},
		OptionMarks: []ledger.OptionMark{batchgen.Mark(batchgen.BTCCall, 2_150), batchgen.Mark(batchgen.BTCPut, 1_350)}}
	for i, b := range append(batchgen.OptionScenario(w), btc) {
		apply(t, w, rows, b, i+1)
	}
	return w, rows
}

// apply applies a batch the ledger accepts (a holder left out of an expiry batch is reported as
// expiry-open, which the circuit cannot see) and records its rows as the bridge does.
func apply(t *testing.T, w *batchgen.World, rows exit.Rows, b ledger.Batch, n int) {
	t.Helper()
	wit, violations, err := w.Apply(b)
	if err != nil {
		t.Fatalf("batch %d: %v", n, err)
	}
	for _, v := range violations {
		if v.Rule != "expiry-open" {
			t.Fatalf("batch %d: %v", n, v)
		}
	}
	rows.Record(batchgen.OptionExpiries, wit.PublicData)
}

// settledWorld adds the expiry batch at S = 52,000 settling alice's and carol's options but not
// bob's 600 calls: the call's leaf stores S, bob's calls stay open, worth 2,000 each.
func settledWorld(t *testing.T) (*batchgen.World, exit.Rows) {
	t.Helper()
	w, rows := optionWorld(t)
	b := batchgen.ExpiryBatch(w, 52_000)
	kept := b.Expiries[:0]
	for _, e := range b.Expiries {
		if e.Account != bob {
			kept = append(kept, e)
		}
	}
	b.Expiries = kept
	apply(t, w, rows, b, 5)
	return w, rows
}

func optSolved(t *testing.T, st *exit.Statement) {
	t.Helper()
	solvedBy(t, exit.WithOptions(), exit.AssignWithOptions(st))
}

func optRejected(t *testing.T, st *exit.Statement, step string) {
	t.Helper()
	rejectedBy(t, exit.WithOptions(), exit.AssignWithOptions(st), step)
}

// optRebind is rebind for exit-d24-opt.
func optRebind(st *exit.Statement) *exit.Statement {
	rebind(st)
	return st
}

// lane reads bits [shift, shift+width) of a row; setLane replaces them.
func lane(row fr.Element, shift, width uint) int64 {
	v := row.BigInt(new(big.Int))
	return new(big.Int).And(v.Rsh(v, shift), big.NewInt(1<<width-1)).Int64()
}

func setLane(row fr.Element, shift, width uint, x int64) fr.Element {
	v := row.BigInt(new(big.Int))
	for i := range width {
		v.SetBit(v, int(shift+i), uint(x>>i&1))
	}
	var out fr.Element
	out.SetBigInt(v)
	return out
}

// slotOf is the slot in which account a holds market m.
func slotOf(t *testing.T, a ledger.Account, m int64) int {
	t.Helper()
	for p, s := range a.Slots {
		if s.Size != 0 && s.Market == m {
			return p
		}
	}
	t.Fatalf("no position in market %d", m)
	return -1
}

// Every holder exits with collateral + size * mark over its positions, the options at their
// committed marks (published with bit 10 and their volatility); the 208-bit exit-d24 refuses the
// option rows.
func TestOptionHoldersExitAtTheCommittedMarks(t *testing.T) {
	w, rows := optionWorld(t)
	for _, account := range batchgen.OptionHolders {
		st := signed(t, w, account, account, recipient, rows)
		want := st.Account.Collateral
		options := 0
		for p, s := range st.Account.Slots {
			if s.Size == 0 {
				continue
			}
			_, mark, index := exit.DecodeRow(st.Rows[p])
			want += s.Size*mark - s.Cost - ceilPpm(s.Size*(index-s.FundingIndex))
			if lane(st.Rows[p], ledger.OptionElementBit, 1) == 1 {
				options++
				if st.Options[p] == nil || lane(st.Rows[p], ledger.OptionVolShift, ledger.OptionVolBits) != 500_000 {
					t.Fatalf("account %d slot %d: option row without its leaf or volatility", account, p)
				}
			}
		}
		if options == 0 || st.Amount != want {
			t.Fatalf("account %d: %d option positions, exits with %d, hand-computed %d", account, options, st.Amount, want)
		}
		optSolved(t, st)
		rejected(t, exit.Assign(st), "decodeRow")
	}
}

// bob's calls, left out of the settling batch, are worth the payoff at the stored S (2,000 each),
// not the mark the call's row carries after its expiry (0, invalid); alice and carol, settled by
// the batch, hold collateral and BTC only.
func TestSettledOptionExitsAtItsPayoffAtTheStoredPrice(t *testing.T) {
	w, rows := settledWorld(t)
	st := signed(t, w, bob, bob, recipient, rows)
	p := slotOf(t, st.Account, batchgen.BTCCall)
	_, mark, _ := exit.DecodeRow(st.Rows[p])
	call := st.Account.Slots[p]
	perp := st.Account.Slots[slotOf(t, st.Account, batchgen.BTC)]
	btcRow := st.Rows[slotOf(t, st.Account, batchgen.BTC)]
	_, btcMark, btcIndex := exit.DecodeRow(btcRow)
	want := st.Account.Collateral + call.Size*2_000 + perp.Size*btcMark - perp.Cost -
		ceilPpm(perp.Size*(btcIndex-perp.FundingIndex))
	if mark != 0 || call.Size != 600 || st.Amount != want {
		t.Fatalf("bob: call mark %d, %d calls, exits with %d, want %d", mark, call.Size, st.Amount, want)
	}
	optSolved(t, st)
	for _, account := range []int64{alice, carol} {
		optSolved(t, signed(t, w, account, account, recipient, rows))
	}
}

// Attack: an option valued at another mark than the committed one. With the amount at the
// committed row's mark plus 500, the amount is not the equity; with the row itself changed to
// that mark (the exit data rebound), the option's leaf, which holds the committed mark, does not
// open.
func TestOptionAtAnotherMarkThanTheCommittedIsRejected(t *testing.T) {
	w, rows := optionWorld(t)
	st := signed(t, w, bob, bob, recipient, rows)
	p := slotOf(t, st.Account, batchgen.BTCCall)
	st.Amount += st.Account.Slots[p].Size * 500
	optRejected(t, optRebind(st), "payout")

	st = signed(t, w, bob, bob, recipient, rows)
	st.Rows[p] = setLane(st.Rows[p], 80, 64, lane(st.Rows[p], 80, 64)+500)
	st.Amount = exit.Equity(st.Account, st.Rows, st.Options).Int64()
	optRejected(t, optRebind(st), "optionPrice")
}

// Attack: a settled option valued at its row's mark instead of its payoff: the amount at the mark
// is not the equity; a leaf opened as unsettled (to take the mark) does not open.
func TestSettledOptionValuedAtTheMarkIsRejected(t *testing.T) {
	w, rows := settledWorld(t)
	st := signed(t, w, bob, bob, recipient, rows)
	st.Amount = exit.Equity(st.Account, st.Rows, exit.OptionLeaves{}).Int64()
	optRejected(t, optRebind(st), "payout")

	st = signed(t, w, bob, bob, recipient, rows)
	p := slotOf(t, st.Account, batchgen.BTCCall)
	unsettled := *st.Options[p]
	unsettled.Market.Funded, unsettled.Market.LastFundingTime = false, 0
	st.Options[p] = &unsettled
	st.Amount = exit.Equity(st.Account, st.Rows, st.Options).Int64()
	optRejected(t, optRebind(st), "optionPrice")
}

// Attack: a perpetual row decoded as an option row. alice's BTC row with bit 10 set, valued as
// the settled call's payoff through the call's own leaf and path: the leaf is not BTC's. The
// reverse: the call's row with bit 10 cleared (valued as a perpetual, no leaf to open) still
// carries its volatility, which a perpetual row may not.
func TestRowsDecodeAsTheirKindOnly(t *testing.T) {
	w, rows := settledWorld(t)
	st := signed(t, w, alice, alice, recipient, rows)
	p := slotOf(t, st.Account, batchgen.BTC)
	call, _ := w.State.Market(batchgen.BTCCall)
	st.Rows[p] = setLane(st.Rows[p], ledger.OptionElementBit, 1, 1)
	st.Options[p] = &exit.OptionOpening{Market: call, Siblings: w.State.MarketPath(batchgen.BTCCall)}
	st.Amount = exit.Equity(st.Account, st.Rows, st.Options).Int64()
	optRejected(t, optRebind(st), "optionPrice")

	w, rows = optionWorld(t)
	st = signed(t, w, bob, bob, recipient, rows)
	p = slotOf(t, st.Account, batchgen.BTCCall)
	st.Rows[p] = setLane(st.Rows[p], ledger.OptionElementBit, 1, 0)
	st.Options[p] = nil
	optRejected(t, optRebind(st), "decodeRow")
}

// Attack: the volatility lane used to inflate the value. The mark moved into the volatility lane
// (mark lane 0) with the amount at the committed mark: the leaf does not open at mark 0; a
// volatility of 2^24 (over the lane) is refused by the row's range; the amount with each call
// valued at mark + volatility is not the equity.
func TestVolatilityLaneCannotInflateTheValue(t *testing.T) {
	w, rows := optionWorld(t)
	st := signed(t, w, bob, bob, recipient, rows)
	p := slotOf(t, st.Account, batchgen.BTCCall)
	mark := lane(st.Rows[p], 80, 64)
	st.Rows[p] = setLane(setLane(st.Rows[p], 80, 64, 0), ledger.OptionVolShift, ledger.OptionVolBits, mark)
	optRejected(t, optRebind(st), "optionPrice")

	st = signed(t, w, bob, bob, recipient, rows)
	st.Rows[p] = setLane(st.Rows[p], ledger.OptionVolShift, ledger.OptionVolBits+1, 1<<ledger.OptionVolBits)
	optRejected(t, optRebind(st), "decodeRow")

	st = signed(t, w, bob, bob, recipient, rows)
	st.Amount += st.Account.Slots[p].Size * lane(st.Rows[p], ledger.OptionVolShift, ledger.OptionVolBits)
	optRejected(t, optRebind(st), "payout")
}

// A real Groth16 proof of an option holder's exit (exit-d24-opt) verifies; the log gives both
// circuits' sizes (docs/bridge.md).
func TestGroth16OptionExitProofVerifies(t *testing.T) {
	w, rows := settledWorld(t)
	plain, err := frontend.Compile(field, r1cs.NewBuilder, &exit.Circuit{})
	if err != nil {
		t.Fatal(err)
	}
	ccs, err := frontend.Compile(field, r1cs.NewBuilder, exit.WithOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("exit-d24: %d constraints, exit-d24-opt: %d", plain.GetNbConstraints(), ccs.GetNbConstraints())
	pk, vk, err := groth16.Setup(ccs)
	if err != nil {
		t.Fatal(err)
	}
	full, err := frontend.NewWitness(exit.AssignWithOptions(signed(t, w, bob, bob, recipient, rows)), field)
	if err != nil {
		t.Fatal(err)
	}
	proof, err := groth16.Prove(ccs, pk, full)
	if err != nil {
		t.Fatal(err)
	}
	public, _ := full.Public()
	if err := groth16.Verify(proof, vk, public); err != nil {
		t.Fatalf("proof does not verify: %v", err)
	}
}
