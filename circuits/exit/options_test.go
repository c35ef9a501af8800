package exit_test

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/batchgen"
	"sable/circuits/batchvectors"
	"sable/circuits/exit"
	"sable/circuits/ledger"
)

// Exits of option holders, in batchvectors' worlds (exit.txt lists their equities for Java).

func optionWorld(t *testing.T) (*batchgen.World, exit.Rows) {
	t.Helper()
	w, rows, err := batchvectors.OptionExitWorld()
	if err != nil {
		t.Fatal(err)
	}
	return w, rows
}

func settledWorld(t *testing.T) (*batchgen.World, exit.Rows) {
	t.Helper()
	w, rows, err := batchvectors.SettledExitWorld()
	if err != nil {
		t.Fatal(err)
	}
	return w, rows
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

// Every holder exits with collateral + size * mark - cost - funding owed over its positions, the
// options at their committed marks (rows published with bit 10 and their volatility).
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
			market, mark, index := exit.DecodeRow(st.Rows[p])
			want += s.Size*mark - s.Cost - ceilPpm(s.Size*(index-s.FundingIndex))
			if m, _ := w.State.Market(market); m.Option != nil {
				options++
				if lane(st.Rows[p], ledger.OptionElementBit, 1) != 1 ||
					lane(st.Rows[p], ledger.OptionVolShift, ledger.OptionVolBits) != 500_000 || mark != m.Mark {
					t.Fatalf("account %d slot %d: option row %s", account, p, st.Rows[p].String())
				}
			}
		}
		if options == 0 || st.Amount != want {
			t.Fatalf("account %d: %d option positions, exits with %d, hand-computed %d", account, options, st.Amount, want)
		}
		solved(t, exit.Assign(st))
	}
}

// bob's calls, left out of the settling batch, are worth the payoff at the stored S (2,000 each),
// the mark the call's row publishes from that batch on; alice and carol, settled by the batch,
// hold collateral and BTC only.
func TestSettledOptionExitsAtItsPayoffAtTheStoredPrice(t *testing.T) {
	w, rows := settledWorld(t)
	st := signed(t, w, bob, bob, recipient, rows)
	p := slotOf(t, st.Account, batchgen.BTCCall)
	_, mark, _ := exit.DecodeRow(st.Rows[p])
	call, _ := w.State.Market(batchgen.BTCCall)
	payoff := ledger.Payoff(*call.Option, call.LastFundingTime).Int64()
	q := slotOf(t, st.Account, batchgen.BTC)
	perp := st.Account.Slots[q]
	_, btcMark, btcIndex := exit.DecodeRow(st.Rows[q])
	want := st.Account.Collateral + 600*payoff + perp.Size*btcMark - perp.Cost -
		ceilPpm(perp.Size*(btcIndex-perp.FundingIndex))
	if !call.Funded || payoff != 2_000 || mark != payoff || st.Account.Slots[p].Size != 600 || st.Amount != want {
		t.Fatalf("bob: call settled %v, payoff %d, row mark %d, exits with %d, want %d", call.Funded, payoff, mark,
			st.Amount, want)
	}
	solved(t, exit.Assign(st))
	for _, account := range []int64{alice, carol} {
		solved(t, exit.Assign(signed(t, w, account, account, recipient, rows)))
	}
}

// Attack: an option valued at another mark than the committed one (500 above it), at the row
// the bridge stores: the amount is not the equity. (The row itself changed is refused by the
// bridge: WrongMarketRow, test/Exit.t.sol.)
func TestOptionAtAnotherMarkThanTheCommittedIsRejected(t *testing.T) {
	w, rows := optionWorld(t)
	st := signed(t, w, bob, bob, recipient, rows)
	st.Amount += st.Account.Slots[slotOf(t, st.Account, batchgen.BTCCall)].Size * 500
	rejected(t, rebind(st), "payout")
}

// Attack: a settled option valued at a mark instead of its payoff: bob's calls at the call's
// last committed mark before the expiry (2,150), against the row the bridge stores from the
// settling batch, whose mark is the payoff. (A settling batch publishing another mark than the
// payoff: settlement.TestSettlingRowPublishesItsPayoffAsItsMark.)
func TestSettledOptionValuedAtTheMarkIsRejected(t *testing.T) {
	w, rows := settledWorld(t)
	st := signed(t, w, bob, bob, recipient, rows)
	st.Amount += 600 * (2_150 - 2_000)
	rejected(t, rebind(st), "payout")
}

// Attack: a row decoded as the other kind. A perpetual row carrying a volatility lane (bit 10
// clear), and an option row with its bit 10 cleared but its volatility kept: neither decodes.
func TestRowsDecodeAsTheirKindOnly(t *testing.T) {
	w, rows := optionWorld(t)
	st := signed(t, w, alice, alice, recipient, rows)
	p := slotOf(t, st.Account, batchgen.BTC)
	st.Rows[p] = setLane(st.Rows[p], ledger.OptionVolShift, ledger.OptionVolBits, 500_000)
	rejected(t, rebind(st), "decodeRow")

	st = signed(t, w, bob, bob, recipient, rows)
	p = slotOf(t, st.Account, batchgen.BTCCall)
	st.Rows[p] = setLane(st.Rows[p], ledger.OptionElementBit, 1, 0)
	rejected(t, rebind(st), "decodeRow")
}

// Attack: the volatility lane used to inflate the value. Each call valued at mark + volatility:
// not the equity; the mark moved into the volatility lane (mark lane 0), the amount at the
// committed mark: the mark read is 0; a volatility of 2^24, over its lane, into the bits above
// the row: refused by the row's range.
func TestVolatilityLaneCannotInflateTheValue(t *testing.T) {
	w, rows := optionWorld(t)
	st := signed(t, w, bob, bob, recipient, rows)
	p := slotOf(t, st.Account, batchgen.BTCCall)
	vol := lane(st.Rows[p], ledger.OptionVolShift, ledger.OptionVolBits)
	st.Amount += st.Account.Slots[p].Size * vol
	rejected(t, rebind(st), "payout")

	st = signed(t, w, bob, bob, recipient, rows)
	mark := lane(st.Rows[p], 80, 64)
	st.Rows[p] = setLane(setLane(st.Rows[p], 80, 64, 0), ledger.OptionVolShift, ledger.OptionVolBits, mark)
	rejected(t, rebind(st), "payout")

	st = signed(t, w, bob, bob, recipient, rows)
	st.Rows[p] = setLane(st.Rows[p], ledger.OptionVolShift, ledger.OptionVolBits+1, 1<<ledger.OptionVolBits)
	rejected(t, rebind(st), "decodeRow")
}

// The rows exit.txt lists as undecodable: refused before proving (exit.CheckRow, so Prove never
// builds a statement on them) and by the circuit (a perpetual row with a volatility lane, a row
// wider than 232 bits).
func TestBadRowsAreRefused(t *testing.T) {
	w, rows := optionWorld(t)
	for _, bad := range batchvectors.BadRows() {
		if exit.CheckRow(bad.Row) == nil {
			t.Fatalf("%s accepted", bad.Reason)
		}
		st := signed(t, w, bob, bob, recipient, rows)
		st.Rows[slotOf(t, st.Account, batchgen.BTC)] = bad.Row
		rejected(t, rebind(st), "decodeRow")
	}
}

// A portfolio batch's perpetual row publishes its scenario range at ledger.RangeShift: the exit
// values the position at the row's mark as before (the same amount solves), and the range lane
// cannot inflate it (an amount raised by size x range is not the equity).
func TestPerpetualRowWithARangeExitsAtItsMark(t *testing.T) {
	w, rows := optionWorld(t)
	st := signed(t, w, bob, bob, recipient, rows)
	p := slotOf(t, st.Account, batchgen.BTC)
	st.Rows[p] = setLane(st.Rows[p], ledger.RangeShift, ledger.RangeBits, 1<<ledger.RangeBits-1)
	if err := exit.CheckRow(st.Rows[p]); err != nil {
		t.Fatal(err)
	}
	solved(t, rebind(st))

	st.Amount += st.Account.Slots[p].Size * (1<<ledger.RangeBits - 1)
	rejected(t, rebind(st), "payout")
}
