package ledger_test

import (
	"math/big"
	"testing"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
)

// TestApplyFillFollowsTheSequencersRules works docs/sequencer.md's position rules by hand: opening,
// adding, reducing with the removed cost rounded up, closing exactly, flipping.
func TestApplyFillFollowsTheSequencersRules(t *testing.T) {
	cases := []struct {
		name                    string
		size, cost              int64
		buy                     bool
		q, price                int64
		newSize, newCost, pnl   int64
		reducing, pureReduction bool
	}{
		{"open long", 0, 0, true, 3, 100, 3, 300, 0, false, false},
		{"add to long", 3, 300, true, 2, 110, 5, 520, 0, false, false},
		{"reduce long, cost rounds up", 3, 301, false, 1, 120, 2, 200, 120 - 101, true, true},
		{"close long exactly", 3, 301, false, 3, 90, 0, 0, 270 - 301, true, true},
		{"flip long to short", 3, 300, false, 5, 120, -2, -240, 360 - 300, true, false},
		{"reduce short, negative cost rounds up", -3, -301, true, 1, 90, -2, -201, -90 + 100, true, true},
		{"open short", 0, 0, false, 4, 50, -4, -200, 0, false, false},
	}
	for _, c := range cases {
		f := ledger.ApplyFill(c.size, c.cost, c.buy, c.q, c.price)
		if f.Size.Int64() != c.newSize || f.Cost.Int64() != c.newCost || f.Realized.Int64() != c.pnl ||
			f.Reducing != c.reducing || f.Pure != c.pureReduction {
			t.Errorf("%s: got size %s cost %s pnl %s reducing %v pure %v", c.name, f.Size, f.Cost, f.Realized,
				f.Reducing, f.Pure)
		}
	}
}

// TestRoundingIsInTheExchangesFavour: funding paid rounds up (received rounds down), a fee rounds up
// and a rebate rounds down, requirements round up.
func TestRoundingIsInTheExchangesFavour(t *testing.T) {
	checks := []struct {
		name      string
		got, want *big.Int
	}{
		{"long pays ceil", ledger.FundingOwed(3, 500_001, 0), big.NewInt(2)},
		{"short receives floor", ledger.FundingOwed(-3, 500_001, 0), big.NewInt(-1)},
		{"taker fee ceil", ledger.MaxFee(3, 7, 500_000), big.NewInt(11)},
		{"maker rebate floor", ledger.MaxFee(3, 7, -500_000), big.NewInt(-10)},
		{"requirement ceil", ledger.Requirement(-3, 7, 100_000), big.NewInt(3)},
	}
	for _, c := range checks {
		if c.got.Cmp(c.want) != 0 {
			t.Errorf("%s: %s, want %s", c.name, c.got, c.want)
		}
	}
}

// TestMarkIsTheLowerMedianOfFreshRecords: fresh records count; without any, all records count and
// the mark is invalid; without records, 0.
func TestMarkIsTheLowerMedianOfFreshRecords(t *testing.T) {
	m := ledger.Market{Params: ledger.Params{OracleStaleness: 10}}
	if mark, valid := ledger.MarkAt(&m, 100); mark != 0 || valid {
		t.Fatalf("no records: %d %v", mark, valid)
	}
	m.Records[0] = ledger.Record{Price: 300, PublishTime: 95}
	m.Records[3] = ledger.Record{Price: 100, PublishTime: 92}
	m.Records[5] = ledger.Record{Price: 200, PublishTime: 80} // stale at 100
	m.Records[6] = ledger.Record{Price: 400, PublishTime: 99}
	if mark, valid := ledger.MarkAt(&m, 100); mark != 300 || !valid {
		t.Fatalf("fresh 100, 300, 400: %d %v", mark, valid)
	}
	if mark, valid := ledger.MarkAt(&m, 103); mark != 300 || !valid { // 100 is stale: 300, 400
		t.Fatalf("fresh 300, 400: %d %v", mark, valid)
	}
	if mark, valid := ledger.MarkAt(&m, 200); mark != 200 || valid { // all stale: 100, 200, 300, 400
		t.Fatalf("all stale: %d %v", mark, valid)
	}
}

// TestEncodingsSeparateEmptyFromZero: a slot with size 0 encodes as 0, and no non-empty slot does,
// even with every offset field at its minimum.
func TestEncodingsSeparateEmptyFromZero(t *testing.T) {
	if e := (ledger.Position{Market: 3, Cost: 7}).Encode(); !e.IsZero() {
		t.Fatal("an empty slot must encode as 0")
	}
	if e := (ledger.Position{Size: -1 << 63, Cost: -1 << 63, FundingIndex: -1 << 63}).Encode(); e.IsZero() {
		t.Fatal("a non-empty slot encoded as 0")
	}
}

// TestRandomHistoriesConserveMoney: after every batch, collateral minus cost over all accounts
// plus the fee and funding pools equals the credited deposits minus the withdrawals
// (docs/sequencer.md, "Conservation").
func TestRandomHistoriesConserveMoney(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		w := batchgen.NewWorld(ledger.Small, batchgen.BTC, batchgen.ETH)
		r := batchgen.NewRandom(w, seed, batchgen.BTC, batchgen.ETH)
		net := int64(0)
		for i := 0; i < 25; i++ {
			b := r.Next()
			if _, v, err := w.Apply(b); err != nil || len(v) > 0 {
				t.Fatal(err, v)
			}
			for _, d := range b.Deposits {
				if !d.Refund {
					net += d.Amount
				}
			}
			for _, wd := range b.Withdrawals {
				net -= wd.Amount
			}
			total := w.State.FeePool + w.State.FundingPool
			for _, index := range w.State.AccountIndices() {
				a, _ := w.State.Account(index)
				total += a.Collateral
				for _, s := range a.Slots {
					total -= s.Cost
				}
			}
			if total != net {
				t.Fatalf("seed %d batch %d: collateral - cost + pools = %d, net deposits %d", seed, i+1, total, net)
			}
		}
	}
}
