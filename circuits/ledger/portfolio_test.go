package ledger_test

import (
	"math"
	"math/big"
	"testing"

	"sable/circuits/layout"
	"sable/circuits/ledger"
)

// perp is a perpetual's risk row at mark 1,000 with a 30% range: each scenario's price minus the
// mark (docs/options.md "The scenario grid").
func perp(market int64) ledger.RiskRow {
	return ledger.RiskRow{Market: market, Underlying: market, RangePpm: 300_000,
		Pnl: [16]int64{0, 0, 100, 100, -100, -100, 200, 200, -200, -200, 300, 300, -300, -300, 600, -600}}
}

// call is a call on market 1 (made-up array: gains up, loses down) with a short minimum of 10.
func call(market int64) ledger.RiskRow {
	return ledger.RiskRow{Market: market, Underlying: 1, ShortMinimum: 10,
		Pnl: [16]int64{-5, 5, 40, 50, -30, -25, 90, 100, -45, -40, 150, 160, -50, -48, 450, -52}}
}

func maintenance(t *testing.T, rows []ledger.RiskRow, h ...ledger.Holding) int64 {
	t.Helper()
	m, err := ledger.PortfolioMaintenance(rows, h)
	if err != nil {
		t.Fatal(err)
	}
	return ledger.Saturate(m)
}

func TestPortfolioRequirementByHand(t *testing.T) {
	rows := []ledger.RiskRow{perp(1), call(2), perp(3)}
	cases := []struct {
		name     string
		holdings []ledger.Holding
		want     int64
	}{
		// 2 x the -300 move: 600 (the extreme, 1,200 at 35%, is 420).
		{"long perpetual", []ledger.Holding{{Market: 1, Size: 2}}, 600},
		{"short perpetual", []ledger.Holding{{Market: 1, Size: -2}}, 600},
		// 2 perp[s] - 3 call[s]: the worst full loss is s13, 600 - 144 = 456; the extremes
		// ceil(150 x 0.35) = 53 and ceil(1,044 x 0.35) = 366 lose to it; plus 3 x 10 short minimum.
		{"covered call", []ledger.Holding{{Market: 1, Size: 2}, {Market: 2, Size: -3}}, 486},
		// underlyings do not offset: 600 on each
		{"two underlyings", []ledger.Holding{{Market: 1, Size: 2}, {Market: 3, Size: -2}}, 1200},
		// a long call: worst loss 52 x 0.35 = 18.2 -> 19 against 50 (s12): 50, no minimum
		{"long call", []ledger.Holding{{Market: 2, Size: 1}}, 50},
		{"flat", []ledger.Holding{{Market: 1, Size: 0}}, 0},
	}
	for _, c := range cases {
		if got := maintenance(t, rows, c.holdings...); got != c.want {
			t.Errorf("%s: maintenance %d, want %d", c.name, got, c.want)
		}
	}
	if got := ledger.PortfolioInitial(big.NewInt(486)); got.Int64() != 608 { // ceil(607.5)
		t.Errorf("initial %v, want 608", got)
	}
}

func TestPortfolioExtremeScenarioWeighted(t *testing.T) {
	// a short far-out-of-the-money call losing 1,001 only at +2R: ceil(1,001 x 0.35) = 351, plus
	// its minimum 7
	row := ledger.RiskRow{Market: 5, Underlying: 5, ShortMinimum: 7}
	row.Pnl[14] = 1001
	if got := maintenance(t, []ledger.RiskRow{row}, ledger.Holding{Market: 5, Size: -1}); got != 358 {
		t.Errorf("maintenance %d, want 358", got)
	}
}

func TestPortfolioRequirementSaturatesAndStaysExact(t *testing.T) {
	big1 := perp(1)
	for s := range big1.Pnl {
		big1.Pnl[s] *= 1 << 52
	}
	// 2^61 x 300 x 2^52 is far beyond a long: saturated
	if got := maintenance(t, []ledger.RiskRow{big1}, ledger.Holding{Market: 1, Size: 1 << 61}); got != math.MaxInt64 {
		t.Errorf("maintenance %d, want 2^63 - 1", got)
	}
	// a huge long and short on the same underlying net out exactly: a second row with the same
	// array, one unit less short
	twin := big1
	twin.Market, twin.Underlying = 2, 1
	got := maintenance(t, []ledger.RiskRow{big1, twin},
		ledger.Holding{Market: 1, Size: 1 << 61}, ledger.Holding{Market: 2, Size: -(1<<61 - 1)})
	if want := int64(300) << 52; got != want {
		t.Errorf("hedged maintenance %d, want %d", got, want)
	}
	if got := ledger.Saturate(ledger.PortfolioInitial(new(big.Int).SetInt64(math.MaxInt64))); got != math.MaxInt64 {
		t.Errorf("initial of a saturated maintenance %d", got)
	}
}

func TestPortfolioRefusesAHoldingWithoutARow(t *testing.T) {
	if _, err := ledger.PortfolioMaintenance([]ledger.RiskRow{perp(1)}, []ledger.Holding{{Market: 4, Size: 1}}); err == nil {
		t.Fatal("a holding without a risk row was priced")
	}
}

func TestRiskCommitmentBindsEveryField(t *testing.T) {
	rows := []ledger.RiskRow{perp(1), call(2)}
	base, err := ledger.RiskCommitment(rows, 3)
	if err != nil {
		t.Fatal(err)
	}
	changes := []func(r []ledger.RiskRow){
		func(r []ledger.RiskRow) { r[1].Pnl[13]++ },
		func(r []ledger.RiskRow) { r[1].ShortMinimum-- },
		func(r []ledger.RiskRow) { r[1].Underlying = 2 },
		func(r []ledger.RiskRow) { r[0].RangePpm++ },
		func(r []ledger.RiskRow) { r[0].Market = 0 },
	}
	for i, change := range changes {
		r := []ledger.RiskRow{perp(1), call(2)}
		change(r)
		if c, _ := ledger.RiskCommitment(r, 3); c == base {
			t.Errorf("change %d kept the commitment", i)
		}
	}
	if c, _ := ledger.RiskCommitment(rows, 4); c == base {
		t.Error("another capacity kept the commitment")
	}
	if _, err := ledger.RiskCommitment(rows, 1); err == nil {
		t.Error("more rows than the capacity committed")
	}
}

func TestSetMarginModeRefusesTheFundUnknownAccountsAndOtherModes(t *testing.T) {
	s, err := ledger.Genesis(layout.Domain{ChainID: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	root := s.Root()
	for _, c := range []struct{ index, mode int64 }{{ledger.FundAccount, 1}, {7, 1}, {ledger.FundAccount, 2}} {
		if err := s.SetMarginMode(c.index, c.mode); err == nil {
			t.Errorf("mode %d set for account %d", c.mode, c.index)
		}
	}
	if s.Root() != root {
		t.Error("a refused mode changed the state")
	}
}
