package settlement_test

import (
	"testing"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
)

// Attacks on option expiry that had no test of their own (issue 12).

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
