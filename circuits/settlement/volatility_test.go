package settlement_test

import (
	"testing"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
)

// Signed volatility records (docs/settlement.md, "Option markets"): an oracle slot naming an
// option row carries a volatility signed by the option leaf's source key over TAG_VOL; the
// option's committed volatility is the lower median of its records at the batch time.

// volBatch is the option scenario's second batch with the call's oracle slots replaced by records:
// a BTC price and the given records, the call's mark committed at vol (valid).
func volBatch(w *batchgen.World, vol int64, records ...ledger.OraclePrice) ledger.Batch {
	b := batchgen.OptionScenario(w)[1]
	b.Oracles = append([]ledger.OraclePrice{w.Price(batchgen.BTC, 2, 50_050, 125)}, records...)
	b.Trades = b.Trades[:1]
	m := batchgen.Mark(batchgen.BTCCall, 2_010)
	m.VolPpm = vol
	b.OptionMarks = []ledger.OptionMark{m}
	return b
}

// Two sources sign 400,000 and 900,000: the volatility is their lower median, 400,000; the row
// publishes it at 2^208 of its element, and committing the last record's (900,000) is refused.
func TestVolatilityIsTheLowerMedianOfTheSignedRecords(t *testing.T) {
	records := func(w *batchgen.World) []ledger.OraclePrice {
		return []ledger.OraclePrice{w.Vol(batchgen.BTCCall, 1, 400_000, 121), w.Vol(batchgen.BTCCall, 2, 900_000, 124)}
	}
	w, _ := optionWorld(t, 1)
	wit, violations, err := w.Apply(volBatch(w, 400_000, records(w)...))
	if err != nil || len(violations) > 0 {
		t.Fatal(err, violations)
	}
	if got := wit.Markets[1].OptionVol; got != 400_000 {
		t.Fatalf("the call's row commits volatility %d, want the median 400,000", got)
	}
	w, _ = optionWorld(t, 1)
	a := honestAssignment(t, w, volBatch(w, 400_000, records(w)...))
	solved(t, a)
	w, _ = optionWorld(t, 1)
	forged(t, w, volBatch(w, 900_000, records(w)...), "option-volatility", "optionMarks")
}

// A volatility record signed by another source's key is refused.
func TestVolatilitySignedByAnotherKeyIsRejected(t *testing.T) {
	w, _ := optionWorld(t, 1)
	other := w.Vol(batchgen.BTCCall, 1, batchgen.OptionVol, 120)
	other.Source = 0
	forged(t, w, volBatch(w, batchgen.OptionVol, other), "oracle-signature", "oraclePrices")
}

// A volatility record published after the batch time is refused.
func TestVolatilityFromTheFutureIsRejected(t *testing.T) {
	w, _ := optionWorld(t, 1)
	forged(t, w, volBatch(w, batchgen.OptionVol, w.Vol(batchgen.BTCCall, 0, batchgen.OptionVol, 131)),
		"oracle-time", "oraclePrices")
}

// A record not newer than its source's last one (the same publish time, another value) is refused.
func TestVolatilityNotNewerThanTheSourcesLastIsRejected(t *testing.T) {
	w, batches := optionWorld(t, 2) // the call's source 0 signed OptionVol at 120
	b := batches[2]
	b.Oracles = []ledger.OraclePrice{w.Vol(batchgen.BTCCall, 0, 600_000, 120)}
	b.OptionMarks = []ledger.OptionMark{batchgen.Mark(batchgen.BTCCall, 2_100), batchgen.Mark(batchgen.BTCPut, 1_400)}
	b.OptionMarks[0].VolPpm = 600_000
	forged(t, w, b, "oracle-time", "oraclePrices")
}

// A committed volatility other than the records' median is refused, as is a valid mark whose
// volatility records are all stale (the median of stale records is not valid).
func TestCommittedVolatilityOtherThanTheRecordsIsRejected(t *testing.T) {
	w, _ := optionWorld(t, 1)
	forged(t, w, volBatch(w, 600_000, w.Vol(batchgen.BTCCall, 0, batchgen.OptionVol, 120)),
		"option-volatility", "optionMarks")

	w, _ = optionWorld(t, 1)
	stale := volBatch(w, batchgen.OptionVol, w.Vol(batchgen.BTCCall, 0, batchgen.OptionVol, 120))
	stale.Time = 120 + batchgen.OptionVolStaleness + 1
	stale.Oracles[0] = w.Price(batchgen.BTC, 2, 50_050, stale.Time-1)
	stale.Trades = nil
	forged(t, w, stale, "option-volatility", "optionMarks")
}

// A witness volatility other than the records' median (the ledger's honest batch, tampered) is
// refused before the binding would see it.
func TestWitnessVolatilityOtherThanTheRecordsIsRejected(t *testing.T) {
	w, batches := optionWorld(t, 1)
	a := honestAssignment(t, w, batches[1])
	a.Options[2].Vol = 600_000
	rejected(t, a, "optionMarks")
}

// A volatility record (TAG_VOL, signed by the perpetual's own source key) into a perpetual row is
// refused: a perpetual's slot verifies a price message.
func TestVolatilityRecordIntoAPerpetualRowIsRejected(t *testing.T) {
	w, _ := optionWorld(t, 1)
	b := volBatch(w, batchgen.OptionVol, w.Vol(batchgen.BTCCall, 0, batchgen.OptionVol, 120))
	b.Oracles[0] = w.Vol(batchgen.BTC, 2, 50_050, 125)
	forged(t, w, b, "oracle-signature", "oraclePrices")
}

// A signed volatility outside the oracle's range [0.1%, 1000%] is refused.
func TestVolatilityOutOfRangeIsRejected(t *testing.T) {
	for _, vol := range []int64{ledger.MinVolPpm - 1, ledger.MaxVolPpm + 1} {
		w, _ := optionWorld(t, 1)
		forged(t, w, volBatch(w, vol, w.Vol(batchgen.BTCCall, 0, vol, 120)), "oracle-volatility", "oraclePrices")
	}
}
