package ledger_test

import (
	"testing"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
)

func TestPayoffIsTheIntrinsicValueTimesTheContractSize(t *testing.T) {
	call := ledger.OptionTerms{Kind: ledger.Call, Strike: 50_000, ContractSize: 3}
	put := ledger.OptionTerms{Kind: ledger.Put, Strike: 50_000, ContractSize: 3}
	for _, c := range []struct {
		terms ledger.OptionTerms
		s     int64
		want  int64
	}{{call, 52_000, 6_000}, {call, 50_000, 0}, {call, 47_000, 0}, {put, 47_000, 9_000}, {put, 50_000, 0},
		{put, 52_000, 0}} {
		if got := ledger.Payoff(c.terms, c.s); got.Int64() != c.want {
			t.Errorf("kind %d at %d: payoff %s, want %d", c.terms.Kind, c.s, got, c.want)
		}
	}
}

// Expiry conserves money: at a settlement price above the strike (calls pay) and below it (puts
// pay), each holder's collateral moves by exactly size * payoff, the moves sum to zero (longs
// receive what shorts pay), the pools do not move, and every option position is gone.
func TestExpiryConservesMoneyAndClosesEveryPosition(t *testing.T) {
	for _, s := range []int64{52_000, 47_000, 50_000} {
		w := batchgen.NewOptionWorld(batchgen.OptionExpiries)
		for i, b := range batchgen.OptionScenario(w) {
			if _, v, err := w.Apply(b); err != nil || len(v) > 0 {
				t.Fatalf("batch %d: %v %v", i+1, err, v)
			}
		}
		before := map[int64]ledger.Account{}
		for _, i := range batchgen.OptionHolders {
			before[i], _ = w.State.Account(i)
		}
		fees, funding := w.State.FeePool, w.State.FundingPool
		b := batchgen.ExpiryBatch(w, s)
		if len(b.Expiries) != 5 {
			t.Fatalf("%d expiry steps, want 5 (alice's call and put, bob's call, carol's call and put)", len(b.Expiries))
		}
		if _, v, err := w.Apply(b); err != nil || len(v) > 0 {
			t.Fatalf("expiry at %d: %v %v", s, err, v)
		}
		var sum int64
		for _, i := range batchgen.OptionHolders {
			after, _ := w.State.Account(i)
			var want int64
			for _, slot := range before[i].Slots {
				if slot.Market == batchgen.BTCCall || slot.Market == batchgen.BTCPut {
					terms := ledger.OptionTerms{Kind: ledger.Call, Strike: batchgen.OptionStrike, ContractSize: 1}
					if slot.Market == batchgen.BTCPut {
						terms.Kind = ledger.Put
					}
					want += slot.Size * ledger.Payoff(terms, s).Int64()
				}
			}
			if got := after.Collateral - before[i].Collateral; got != want {
				t.Errorf("S %d, account %d: collateral moved by %d, want %d", s, i, got, want)
			}
			sum += after.Collateral - before[i].Collateral
			for _, slot := range after.Slots {
				if slot.Size != 0 && slot.Market != batchgen.BTC {
					t.Errorf("S %d, account %d: option position %+v left open", s, i, slot)
				}
			}
		}
		if sum != 0 || w.State.FeePool != fees || w.State.FundingPool != funding {
			t.Errorf("S %d: collateral moved by %d in total, pools %d/%d from %d/%d", s, sum, w.State.FeePool,
				w.State.FundingPool, fees, funding)
		}
	}
}

// An option listed already settled at a price of the lister's choice is refused at genesis: every
// position would settle at that stored S.
func TestOptionListedWithAStoredSettlementPriceIsRejected(t *testing.T) {
	btc := ledger.Market{ID: batchgen.BTC, Params: batchgen.DefaultParams()}
	call := ledger.Market{ID: batchgen.BTCCall, Params: batchgen.DefaultParams(), Option: &ledger.OptionTerms{
		Underlying: batchgen.BTC, Kind: ledger.Call, Strike: batchgen.OptionStrike,
		Expiry: batchgen.OptionExpiry, ContractSize: 1}}
	if _, err := ledger.Genesis(batchgen.Domain, []ledger.Market{btc, call}); err != nil {
		t.Fatalf("an unsettled option refused: %v", err)
	}
	call.Funded, call.LastFundingTime = true, 60_000
	if _, err := ledger.Genesis(batchgen.Domain, []ledger.Market{btc, call}); err == nil {
		t.Fatal("an option listed settled at 60,000 accepted")
	}
}
