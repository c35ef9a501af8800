package settlement_test

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/batchgen"
	"sable/circuits/exit"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// expiryWorld is the option scenario's world at the expiry capacities after its three batches:
// alice short 1,000 calls and long 500 puts, bob long 600 calls, carol long 400 calls and short
// 500 puts.
func expiryWorld(t *testing.T) *batchgen.World {
	t.Helper()
	w := batchgen.NewOptionWorld(batchgen.OptionExpiries)
	for i, b := range batchgen.OptionScenario(w) {
		if _, v, err := w.Apply(b); err != nil || len(v) > 0 {
			t.Fatalf("option scenario batch %d: %v %v", i+1, err, v)
		}
	}
	return w
}

// expiryAt assigns the honest expiry batch at settlement price s (no violation).
func expiryAt(t *testing.T, w *batchgen.World, s int64) *settlement.Circuit {
	t.Helper()
	a, v := assign(t, w, batchgen.ExpiryBatch(w, s))
	if len(v) > 0 {
		t.Fatal(v)
	}
	return a
}

// The expiry batch proves with calls in the money and with puts in the money; afterwards the
// holders trade BTC and withdraw in batches without the option rows' positions.
func TestOptionExpirySolves(t *testing.T) {
	for _, s := range []int64{52_000, 47_000} {
		w := expiryWorld(t)
		solved(t, expiryAt(t, w, s))
		at := int64(batchgen.OptionExpiry) + 10
		a, v := assign(t, w, ledger.Batch{Time: at, Withdrawals: []ledger.Withdrawal{w.Withdraw(9, 1_000)}})
		if len(v) > 0 {
			t.Fatal(v)
		}
		solved(t, a)
	}
}

// Without a valid underlying mark at the expiry the option waits (the sequencer halts it): a
// batch loading the holders' option rows, with no expiry step, proves; the positions stay.
func TestExpiryWithoutAValidUnderlyingMarkWaits(t *testing.T) {
	w := expiryWorld(t)
	at := int64(batchgen.OptionExpiry) + 1_000 // BTC's records are stale
	a, v := assign(t, w, ledger.Batch{Time: at, Withdrawals: []ledger.Withdrawal{w.Withdraw(5, 1_000)},
		OptionMarks: []ledger.OptionMark{batchgen.NoMark(batchgen.BTCCall), batchgen.NoMark(batchgen.BTCPut)}})
	if len(v) > 0 {
		t.Fatal(v)
	}
	solved(t, a)
	acc, _ := w.State.Account(5)
	open := 0
	for _, slot := range acc.Slots {
		if slot.Size != 0 && (slot.Market == batchgen.BTCCall || slot.Market == batchgen.BTCPut) {
			open++
		}
	}
	if open != 2 {
		t.Fatalf("alice holds %d option positions after the halted expiry, want her call and put", open)
	}
}

// A payoff one unit above the rule's is refused.
func TestExpiryWithAWrongPayoffIsRejected(t *testing.T) {
	a := expiryAt(t, expiryWorld(t), 52_000)
	a.Expiries[0].Payoff = add(a.Expiries[0].Payoff, 1)
	rejected(t, a, "expiries")
}

// A settlement price other than the underlying's mark at the batch, with the payoff it would give
// (so only the price rule can catch it), is refused.
func TestExpiryAtAnotherPriceThanTheMarkIsRejected(t *testing.T) {
	a := expiryAt(t, expiryWorld(t), 52_000)
	for i := range a.Expiries[:5] {
		a.Expiries[i].Settlement = add(a.Expiries[i].Settlement, 1_000)
		if a.Expiries[i].Payoff != int64(0) {
			a.Expiries[i].Payoff = add(a.Expiries[i].Payoff, 1_000)
		}
	}
	rejected(t, a, "expiries")
}

// An expiry step one tick before the expiry is refused.
func TestExpiryStepBeforeTheExpiryIsRejected(t *testing.T) {
	w := expiryWorld(t)
	b := batchgen.ExpiryBatch(w, 52_000)
	b.Time--
	b.Oracles = b.Oracles[:2]
	b.OptionMarks = []ledger.OptionMark{batchgen.NoMark(batchgen.BTCCall), batchgen.NoMark(batchgen.BTCPut)}
	forged(t, w, b, "expiry-early", "expiries")
}

// A batch at the expiry that skips a holder it loads (carol's short puts) is refused.
func TestExpiryLeavingAPositionOpenIsRejected(t *testing.T) {
	w := expiryWorld(t)
	b := batchgen.ExpiryBatch(w, 47_000)
	b.Expiries = b.Expiries[:len(b.Expiries)-1]
	forged(t, w, b, "expiry-open", "expiredClosed")
}

// A step that closes another account's slot: bob's step names carol's row and her call's slot,
// which her own step closes again (the cell is empty then).
func TestExpiryStepOnAnotherAccountsSlotIsRejected(t *testing.T) {
	w := expiryWorld(t)
	b := batchgen.ExpiryBatch(w, 52_000)
	wit, v, err := w.State.Clone().Apply(b, w.Caps)
	if err != nil || len(v) > 0 {
		t.Fatal(err, v)
	}
	a, err := settlement.Assign(wit)
	if err != nil {
		t.Fatal(err)
	}
	bob, carol := wit.Expiries[2], wit.Expiries[3]
	if wit.Accounts[bob.AccountRow].Index != 9 || wit.Accounts[carol.AccountRow].Index != 12 {
		t.Fatalf("unexpected step order: %+v", wit.Expiries)
	}
	a.Expiries[2].AccountRow, a.Expiries[2].Slot = carol.AccountRow, carol.Slot
	rejected(t, a, "expiries")
}

// A fill on an option at its expiry is refused, even a pure reduction, as is a valid mark.
func TestOptionFillAtItsExpiryIsRejected(t *testing.T) {
	w := expiryWorld(t)
	b := batchgen.ExpiryBatch(w, 52_000)
	b.Trades = []ledger.Trade{w.Trade(w.Order(9, batchgen.BTCCall, 5, 1, 2_000, 100),
		w.Order(5, batchgen.BTCCall, 5, 0, 2_000, 100), 100, 2_000)}
	forged(t, w, b, "option-expired", "trades")

	w = expiryWorld(t)
	b = batchgen.ExpiryBatch(w, 52_000)
	b.OptionMarks[0] = batchgen.Mark(batchgen.BTCCall, 2_000)
	forged(t, w, b, "option-expired", "optionMarks")
}

// A closed market is not traded again: after the expiry batch, bob and carol trading the call is
// refused.
func TestClosedOptionTradedAgainIsRejected(t *testing.T) {
	w := expiryWorld(t)
	if _, v, err := w.Apply(batchgen.ExpiryBatch(w, 52_000)); err != nil || len(v) > 0 {
		t.Fatal(err, v)
	}
	at := int64(batchgen.OptionExpiry) + 10
	b := ledger.Batch{Time: at, Oracles: []ledger.OraclePrice{w.Price(batchgen.BTC, 0, 52_000, at)},
		Trades: []ledger.Trade{w.Trade(w.Order(9, batchgen.BTCCall, 6, 1, 2_000, 100),
			w.Order(12, batchgen.BTCCall, 6, 0, 2_000, 100), 100, 2_000)},
		OptionMarks: []ledger.OptionMark{batchgen.NoMark(batchgen.BTCCall)}}
	forged(t, w, b, "option-expired", "trades")
}

func add(x any, d int64) any {
	switch v := x.(type) {
	case int64:
		return v + d
	case int:
		return int64(v) + d
	}
	panic("not an integer")
}

// Expiry steps are named "-e<steps>" before "-opt"; a name with them but without option rows
// does not parse.
func TestExpiryCircuitNamesRoundTrip(t *testing.T) {
	name := settlement.Name(batchgen.OptionExpiries)
	if name != "settlement-m3-k3-a4-d3-o4-t3-w2-e6-opt" {
		t.Fatal(name)
	}
	if got, ok := settlement.ParseName(name); !ok || got != batchgen.OptionExpiries {
		t.Fatalf("%s parses to %+v, %v", name, got, ok)
	}
	if _, ok := settlement.ParseName("settlement-m3-k3-a4-d3-o4-t3-w2-e6"); ok {
		t.Fatal("expiry steps without option rows parsed")
	}
}

// leftOut applies the expiry batch at 52,000 without bob's steps: the batch does not load bob, so
// the circuit cannot see his open calls (the ledger, which sees every account, reports them);
// the call's leaf stores S = 52,000. It returns bob's call payoff at 52,000.
func leftOut(t *testing.T, w *batchgen.World) int64 {
	t.Helper()
	b := batchgen.ExpiryBatch(w, 52_000)
	kept := b.Expiries[:0]
	for _, e := range b.Expiries {
		if e.Account != 9 {
			kept = append(kept, e)
		}
	}
	b.Expiries = kept
	a, v := assign(t, w, b)
	violates(t, v, "expiry-open")
	solved(t, a)
	call, _ := w.State.Market(batchgen.BTCCall)
	if !call.Funded || call.LastFundingTime != 52_000 {
		t.Fatalf("the call's leaf after its first settling batch: settled %v, S %d", call.Funded, call.LastFundingTime)
	}
	return ledger.Payoff(*call.Option, 52_000).Int64()
}

// laterExpiry is a batch after the expiry closing bob's calls; with a BTC price of mark, else with
// BTC's records stale (no valid underlying mark).
func laterExpiry(w *batchgen.World, mark int64) ledger.Batch {
	at := int64(batchgen.OptionExpiry) + 1_000
	b := ledger.Batch{Time: at, Expiries: []ledger.Expiry{{Account: 9, Market: batchgen.BTCCall}},
		OptionMarks: []ledger.OptionMark{batchgen.NoMark(batchgen.BTCCall)}}
	if mark > 0 {
		b.Oracles = []ledger.OraclePrice{w.Price(batchgen.BTC, 0, mark, at)}
	}
	return b
}

// A holder a batch leaves out settles in a later batch at the stored S, even without a valid
// underlying mark then.
func TestLeftOutHolderSettlesLaterAtTheStoredPrice(t *testing.T) {
	w := expiryWorld(t)
	payoff := leftOut(t, w)
	a, v := assign(t, w, laterExpiry(w, 0))
	if len(v) > 0 {
		t.Fatal(v)
	}
	if a.Expiries[0].Settlement != int64(52_000) || a.Expiries[0].Payoff != payoff {
		t.Fatalf("bob settles at %v, payoff %v; want 52000, %d", a.Expiries[0].Settlement, a.Expiries[0].Payoff, payoff)
	}
	solved(t, a)
}

// The attack the stored S closes: an operator leaves bob out of the first settling batch (52,000)
// and settles him in a later one at BTC's mark then (47,000, his calls out of the money), with the
// payoff of that price. Refused: a settled row's steps use its stored S.
func TestLeftOutHolderSettledLaterAtAnotherMarkIsRejected(t *testing.T) {
	w := expiryWorld(t)
	leftOut(t, w)
	a, v := assign(t, w, laterExpiry(w, 47_000))
	if len(v) > 0 {
		t.Fatal(v)
	}
	call, _ := w.State.Market(batchgen.BTCCall)
	a.Expiries[0].Settlement = int64(47_000)
	a.Expiries[0].Payoff = ledger.Payoff(*call.Option, 47_000).Int64()
	rejected(t, a, "expiries")
}

// A settling option row's stored and published mark is its payoff per unit at S, what a position
// left in it is worth (an exit values it at the published mark): at S = 52,000 the call publishes
// 2,000 and the put 0, though both were committed at mark 0. Forged: the call's element at its
// committed mark instead, the public inputs rebound to that data.
func TestSettlingRowPublishesItsPayoffAsItsMark(t *testing.T) {
	w := expiryWorld(t)
	wit, v, err := w.Apply(batchgen.ExpiryBatch(w, 52_000))
	if err != nil || len(v) > 0 {
		t.Fatal(err, v)
	}
	caps := batchgen.OptionExpiries
	at := ledger.PubHeaderLen + 3*caps.Deposits + 1 + caps.Withdrawals
	want := map[int64]int64{batchgen.BTC: 52_000, batchgen.BTCCall: 2_000, batchgen.BTCPut: 0}
	call := -1
	for i := at; i < at+caps.Markets; i++ {
		market, mark, _ := exit.DecodeRow(wit.PublicData[i])
		if mark != want[market] {
			t.Fatalf("market %d published at mark %d, want %d", market, mark, want[market])
		}
		if m, _ := w.State.Market(market); m.Mark != want[market] {
			t.Fatalf("market %d stored at mark %d, want %d", market, m.Mark, want[market])
		}
		if market == batchgen.BTCCall {
			call = i
		}
	}
	a, err := settlement.Assign(wit)
	if err != nil {
		t.Fatal(err)
	}
	solved(t, a)

	var shift, row big.Int
	shift.Lsh(big.NewInt(2_000), 80)
	wit.PublicData[call].BigInt(&row)
	var forged fr.Element
	forged.SetBigInt(row.Sub(&row, &shift)) // mark lane 2,000 -> 0, the committed mark
	wit.PublicData[call] = forged
	wit.Public = ledger.Bind(wit.PublicData)
	if a, err = settlement.Assign(wit); err != nil {
		t.Fatal(err)
	}
	rejected(t, a, "bindPublicData")
}
