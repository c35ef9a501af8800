package settlement_test

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// The option forgeries start from the option scenario after its first batch (alice 100M, bob 80M,
// carol 10M, BTC mark 50,000 valid at time 130) or after its second (alice short 1,000 calls and
// long 500 puts, bob long 1,000 calls, carol short 500 puts).
func optionWorld(t *testing.T, n int) (*batchgen.World, []ledger.Batch) {
	t.Helper()
	w := batchgen.NewOptionWorld(batchgen.Options)
	batches := batchgen.OptionScenario(w)
	for i := 0; i < n; i++ {
		if _, violations, err := w.Apply(batches[i]); err != nil || len(violations) > 0 {
			t.Fatalf("option scenario batch %d: %v %v", i+1, err, violations)
		}
	}
	return w, batches
}

func TestOptionScenarioSolves(t *testing.T) {
	w, batches := optionWorld(t, 0)
	for i, b := range batches {
		a, violations := assign(t, w, b)
		if len(violations) > 0 {
			t.Fatalf("batch %d: %v", i+1, violations)
		}
		solved(t, a)
	}
}

// The premium is paid at the fill: the writer receives q * price, the buyer pays it, and neither
// position keeps a cost; the option rows publish their committed marks with the option bit.
func TestOptionFillPaysThePremium(t *testing.T) {
	w, batches := optionWorld(t, 1)
	before := collaterals(w, 5, 9, 12)
	wit, violations, err := w.Apply(batches[1])
	if err != nil || len(violations) > 0 {
		t.Fatal(err, violations)
	}
	after := collaterals(w, 5, 9, 12)
	call, put := batches[1].Trades[0], batches[1].Trades[1]
	want := map[int64]int64{
		5:  1_000*2_000 - call.MakerFee - 500*1_500 - put.TakerFee,
		9:  -1_000*2_000 - call.TakerFee,
		12: 500*1_500 - put.MakerFee,
	}
	for acc, d := range want {
		if after[acc]-before[acc] != d {
			t.Errorf("account %d: collateral moved by %d, want %d", acc, after[acc]-before[acc], d)
		}
		a, _ := w.State.Account(acc)
		for _, s := range a.Slots {
			if s.Size != 0 && s.Cost != 0 {
				t.Errorf("account %d: option position %+v keeps a cost", acc, s)
			}
		}
	}
	at := ledger.PubHeaderLen + 3*w.Caps.Deposits + 1 + w.Caps.Withdrawals
	for row, wantMark := range []int64{0, 2_010, 1_480} {
		mark := new(big.Int).Rsh(bigOf(wit.PublicData[at+row]), 80)
		mark.SetBit(mark, 64, 0).SetBit(mark, 65, 0)
		option := bigOf(wit.PublicData[at+row]).Bit(ledger.OptionElementBit)
		vol := new(big.Int).Rsh(bigOf(wit.PublicData[at+row]), ledger.OptionVolShift)
		if row > 0 && (option != 1 || mark.Int64() != wantMark || vol.Int64() != 500_000) {
			t.Errorf("option row %d: bit %d, mark %s, vol %s, want %d and 500,000", row, option, mark, vol, wantMark)
		}
		if row == 0 && option != 0 {
			t.Errorf("the perpetual row has the option bit")
		}
	}
}

func collaterals(w *batchgen.World, accounts ...int64) map[int64]int64 {
	out := map[int64]int64{}
	for _, i := range accounts {
		a, _ := w.State.Account(i)
		out[i] = a.Collateral
	}
	return out
}

func bigOf(e fr.Element) *big.Int {
	var b big.Int
	e.BigInt(&b)
	return &b
}

// A premium in the wrong direction (the writer pays, the buyer receives) gives another new root:
// the root of a world whose deposits differ by twice each premium, which reaches exactly that
// state honestly. Claiming it for the real batch fails at the binding.
func TestOptionPremiumInTheWrongDirectionIsRejected(t *testing.T) {
	w, batches := optionWorld(t, 1)
	honest, violations := assign(t, w, batches[1])
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	twin := batchgen.NewOptionWorld(batchgen.Options)
	twinBatches := batchgen.OptionScenario(twin)
	shift := map[int64]int64{5: -2 * (1_000*2_000 - 500*1_500), 9: 2 * 1_000 * 2_000, 12: -2 * 500 * 1_500}
	for i := range twinBatches[0].Deposits {
		d := &twinBatches[0].Deposits[i]
		d.Amount += shift[d.Account]
	}
	for _, b := range twinBatches[:2] {
		if _, v, err := twin.Apply(b); err != nil || len(v) > 0 {
			t.Fatal(err, v)
		}
	}
	forgedRoot := twin.State.Root()
	d := publicDataOf(t, w, batches[1])
	if d[ledger.PubNewRoot] == forgedRoot {
		t.Fatal("the wrong direction gives the honest root")
	}
	d[ledger.PubNewRoot] = forgedRoot
	bindTo(honest, d)
	rejected(t, honest, "bindPublicData")
}

// publicDataOf is the honest public data of a batch, applied to a copy of the world's state.
func publicDataOf(t *testing.T, w *batchgen.World, b ledger.Batch) []fr.Element {
	t.Helper()
	b.Number = w.State.BatchNumber + 1
	wit, _, err := w.State.Clone().Apply(b, w.Caps)
	if err != nil {
		t.Fatal(err)
	}
	return wit.PublicData
}

// bindTo sets an assignment's public inputs to those of the public data d.
func bindTo(a *settlement.Circuit, d []fr.Element) {
	p := ledger.Bind(d)
	a.Commitment, a.Challenge, a.Evaluation = bigOf(p.Commitment), bigOf(p.Challenge), bigOf(p.Evaluation)
}

// A writer's requirement is at the margin price max(mark, underlying mark * contractSize): carol
// writes 2,000 calls, which her 10M cover at the option's mark (2,000 * 2,010 * 10% = 402k) but
// not at the margin price (2,000 * 50,050 * 10% = 10.01M).
func TestOptionWriterMarginedAtTheOptionMarkIsRejected(t *testing.T) {
	w, _ := optionWorld(t, 1)
	b := ledger.Batch{Time: 130, Oracles: []ledger.OraclePrice{w.Price(batchgen.BTC, 2, 50_050, 125),
		w.Vol(batchgen.BTCCall, 0, batchgen.OptionVol, 120)},
		Trades: []ledger.Trade{w.Trade(w.Order(12, batchgen.BTCCall, 1, 1, 2_000, 2_000),
			w.Order(9, batchgen.BTCCall, 1, 0, 2_000, 2_000), 2_000, 2_000)},
		OptionMarks: []ledger.OptionMark{batchgen.Mark(batchgen.BTCCall, 2_010)}}
	forged(t, w, b, "margin", "endChecks")
}

// A long option is valued at its mark, not at the underlying's: bob's 1,000 calls are worth 2.01M,
// not 50.05M, so his 16,000 BTC bought from alice need more equity than he has (he would have it
// if the calls were valued at the underlying's mark).
func TestLongOptionValuedAtTheUnderlyingMarkIsRejected(t *testing.T) {
	w, _ := optionWorld(t, 2)
	b := ledger.Batch{Time: 150, Oracles: []ledger.OraclePrice{w.Price(batchgen.BTC, 0, 50_050, 145)},
		Trades: []ledger.Trade{w.Trade(w.Order(5, batchgen.BTC, 3, 1, 50_000, 16_000),
			w.Order(9, batchgen.BTC, 3, 0, 50_000, 16_000), 16_000, 50_000)},
		OptionMarks: []ledger.OptionMark{batchgen.Mark(batchgen.BTCCall, 2_010), batchgen.Mark(batchgen.BTCPut, 1_480)}}
	forged(t, w, b, "margin", "endChecks")
}

// The option row's terms are those hashed into its leaf: another strike or kind does not open it.
func TestOptionTermsDifferingFromTheLeafAreRejected(t *testing.T) {
	for _, tamper := range []func(o *settlement.OptionRow){
		func(o *settlement.OptionRow) { o.Strike = 40_000 },
		func(o *settlement.OptionRow) { o.Kind = 1 },
		func(o *settlement.OptionRow) { o.ContractSize = 2 },
	} {
		w, batches := optionWorld(t, 1)
		a, violations := assign(t, w, batches[1])
		if len(violations) > 0 {
			t.Fatal(violations)
		}
		tamper(&a.Options[1])
		rejected(t, a, "storeMarkets")
	}
}

// The option's mark is a committed input, published in its row's element: a witness with another
// mark than the public data's fails at the binding (the put's row, the last one written to the
// market tree: an earlier row's other leaf would first break the next row's path). Its volatility
// is its records' median: another one fails before (TestCommittedVolatilityOtherThanTheRecordsIsRejected).
func TestOptionMarkDifferingFromThePublishedOneIsRejected(t *testing.T) {
	w, batches := optionWorld(t, 1)
	a, _ := assign(t, w, batches[1])
	a.Options[2].Mark = 1_490
	rejected(t, a, "bindPublicData")
}

// The underlying is the terms' market: reading another row's mark is refused.
func TestOptionReadingAnotherUnderlyingIsRejected(t *testing.T) {
	w, batches := optionWorld(t, 1)
	a, _ := assign(t, w, batches[1])
	a.Options[1].UnderlyingRow = 2 // the put's row
	rejected(t, a, "optionMarks")
}

// A valid option mark needs a valid underlying mark (BTC's records are stale at 1,000).
func TestOptionMarkValidWithoutAValidUnderlyingIsRejected(t *testing.T) {
	w, _ := optionWorld(t, 1)
	b := ledger.Batch{Time: 1_000, Trades: []ledger.Trade{w.Trade(w.Order(5, batchgen.BTCCall, 1, 1, 2_000, 100),
		w.Order(9, batchgen.BTCCall, 1, 0, 2_000, 100), 100, 2_000)},
		OptionMarks: []ledger.OptionMark{batchgen.Mark(batchgen.BTCCall, 2_010)}}
	forged(t, w, b, "option-mark", "optionMarks")
}

// An option's sources sign volatilities over TAG_VOL: a price message (TAG_ORACLE) its source
// signed, replayed as a volatility record of the same value, is refused (domain separation).
func TestPriceMessageReplayedAsAVolatilityIsRejected(t *testing.T) {
	w, _ := optionWorld(t, 1)
	b := ledger.Batch{Time: 130, Oracles: []ledger.OraclePrice{w.Price(batchgen.BTCCall, 0, batchgen.OptionVol, 125)},
		OptionMarks: []ledger.OptionMark{batchgen.Mark(batchgen.BTCCall, 2_010)}}
	forged(t, w, b, "oracle-signature", "oraclePrices")
}

// An option has no funding: a tick on its row is refused.
func TestFundingTickOnAnOptionIsRejected(t *testing.T) {
	w, _ := optionWorld(t, 1)
	b := ledger.Batch{Time: 130, Funding: []ledger.FundingTick{{Market: batchgen.BTCCall, RatePpm: 0}},
		OptionMarks: []ledger.OptionMark{batchgen.Mark(batchgen.BTCCall, 2_010)}}
	forged(t, w, b, "option-funding", "optionTerms")
}

// The sequencer may commit every option's mark: one without a row in the batch is not used, and a
// mark naming a perpetual is refused.
func TestOptionMarksWithoutARowAreUnusedAndAPerpetualsRefused(t *testing.T) {
	w, batches := optionWorld(t, 0)
	b := batches[0]
	b.OptionMarks = []ledger.OptionMark{batchgen.Mark(batchgen.BTCPut, 1_480)}
	a, violations := assign(t, w, b)
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	if len(a.Options) != 3 || a.Options[0].IsOption != 0 {
		t.Fatalf("a batch without option rows has option data: %+v", a.Options)
	}
	solved(t, a)
	b = ledger.Batch{Time: 200, OptionMarks: []ledger.OptionMark{batchgen.Mark(batchgen.BTC, 50_000)}}
	if _, _, err := w.Apply(b); err == nil {
		t.Fatal("a mark for a perpetual was accepted")
	}
}

// A committed mark above the option's maxPrice, or a volatility of 2^24 or more, would not fit the
// row's published element (mark at 2^16..2^80, volatility at 2^208): both are refused where the
// row's terms are checked, even when the ledger publishes them as committed.
func TestOptionMarkOrVolatilityOutOfRangeIsRejected(t *testing.T) {
	for _, tamper := range []func(m *ledger.OptionMark){
		func(m *ledger.OptionMark) { m.Mark = 1<<21 + 1 },
		func(m *ledger.OptionMark) { m.VolPpm = 1 << ledger.OptionVolBits },
	} {
		w, batches := optionWorld(t, 1)
		b := batches[1]
		b.OptionMarks = append([]ledger.OptionMark(nil), b.OptionMarks...)
		tamper(&b.OptionMarks[0])
		forged(t, w, b, "option-mark", "optionTerms")
	}
}
