package settlement

import (
	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/ledger"
)

// OptionRow is a market row's option data, in a circuit with option rows (Caps.Options): its
// terms (hashed into the leaf's paramsHash), its underlying's row, and its mark at the batch
// time, a committed input published in the row's element. A perpetual's row is all zeros.
type OptionRow struct {
	IsOption      frontend.Variable
	Underlying    frontend.Variable // the underlying perpetual's market id
	Kind          frontend.Variable // 0 call, 1 put
	Strike        frontend.Variable
	Expiry        frontend.Variable
	ContractSize  frontend.Variable
	UnderlyingRow frontend.Variable
	Mark          frontend.Variable
	Valid         frontend.Variable
	Vol           frontend.Variable // the volatility the mark used (ppm per year): its records' median, published
}

var tagOptionParams = fe(ledger.TagOptionParams)

// options reports whether the circuit has option rows.
func (b *batch) options() bool { return len(b.c.Options) > 0 }

// paramsHash is a market row's paramsHash: H(TAG_MARKET_PARAMS, params) for a perpetual and, in a
// circuit with option rows, H(TAG_OPTION_PARAMS, params, underlying, kind, strike, expiry,
// contractSize) for an option row (ledger.Market.ParamsHash).
func (b *batch) paramsHash(j int) frontend.Variable {
	api, m := b.api, &b.c.Markets[j]
	if !b.options() {
		return b.h.Hash(append([]frontend.Variable{tagMarketParams}, m.Params[:]...)...)
	}
	o := &b.c.Options[j]
	base := b.h.Hash(append([]frontend.Variable{api.Select(o.IsOption, tagOptionParams, tagMarketParams)},
		m.Params[:]...)...)
	terms := b.h.Continue(base, o.Underlying, o.Kind, o.Strike, o.Expiry, o.ContractSize)
	return api.Select(o.IsOption, terms, base)
}

// optionTerms checks row j's option data: a perpetual's is all zeros; an option row is used,
// its fields are in range, it has no funding (no tick, index 0) and its committed mark is at most
// maxPrice (optionMarks sets its expiry flags, expiry.go).
func (b *batch) optionTerms(j int, r *marketRow) {
	api, o := b.api, &b.c.Options[j]
	r.option = o.IsOption
	api.AssertIsBoolean(o.IsOption)
	api.AssertIsBoolean(o.Kind)
	api.AssertIsBoolean(o.Valid)
	gadget.Range(api, o.Underlying, 8)
	gadget.Range(api, o.Strike, 63)
	gadget.Range(api, o.Expiry, 63)
	gadget.Range(api, o.ContractSize, 63)
	gadget.Range(api, o.Mark, 63)
	gadget.Range(api, o.Vol, ledger.OptionVolBits)
	perpetual := gadget.Not(api, o.IsOption)
	for _, x := range []frontend.Variable{o.Underlying, o.Kind, o.Strike, o.Expiry, o.ContractSize,
		o.UnderlyingRow, o.Mark, o.Valid, o.Vol} {
		gadget.Implies(api, perpetual, x)
	}
	gadget.Implies(api, o.IsOption, gadget.Not(api, r.m.Used))
	gadget.Implies(api, o.IsOption, r.m.Tick)
	gadget.Implies(api, o.IsOption, r.m.FundingIndex)
	gadget.AssertNonNegative(api, o.IsOption, api.Sub(r.m.Params[pMaxPrice], o.Mark), 63)
}

// optionMarks replaces an option row's mark by its committed mark (valid only with a valid
// underlying mark and valid volatility), checks its committed volatility is the lower median of its
// signed records at the batch time (markAt over the row's records, validity as for a mark), and
// sets every row's margin price: the mark for a perpetual, max(mark,
// underlying mark * contractSize) for an option (docs/options.md, "Cross margin of options"). The
// underlying is a used perpetual row of the batch with the terms' id. The listing rule bounds the
// exposure by maxPrice < 2^63 (ledger.checkOptionListing), so a larger one is refused.
func (b *batch) optionMarks() {
	api := b.api
	for _, r := range b.marketRows {
		r.marginPrice = r.mark
	}
	if !b.options() {
		return
	}
	for j, r := range b.marketRows {
		o := &b.c.Options[j]
		sel := gadget.OneHot(api, o.UnderlyingRow, o.IsOption, len(b.marketRows))
		b.assertUsedMarket(sel, o.IsOption)
		id := b.column(sel, func(u *marketRow) frontend.Variable { return u.m.ID })
		gadget.Implies(api, o.IsOption, api.Sub(id, o.Underlying))
		gadget.Implies(api, o.IsOption, b.column(sel, func(u *marketRow) frontend.Variable { return u.option }))
		underlyingMark := b.column(sel, func(u *marketRow) frontend.Variable { return u.mark })
		underlyingValid := b.column(sel, func(u *marketRow) frontend.Variable { return u.valid })
		gadget.Implies(api, o.Valid, gadget.Not(api, underlyingValid))
		// r.mark and r.valid are still the records' median and its validity: the volatility.
		gadget.Implies(api, o.IsOption, api.Sub(o.Vol, r.mark))
		gadget.Implies(api, o.Valid, gadget.Not(api, r.valid))

		exposure := api.Mul(underlyingMark, o.ContractSize) // 0 for a perpetual (contractSize 0)
		gadget.Range(api, exposure, 63)
		above := gadget.LessOrEqual(api, o.Mark, exposure, 64)
		mark := api.Select(o.IsOption, o.Mark, r.mark)
		r.valid = api.Select(o.IsOption, o.Valid, r.valid)
		r.marginPrice = api.Add(mark, api.Mul(o.IsOption, above, api.Sub(exposure, o.Mark)))
		r.mark = mark
		b.expiryColumns(j, underlyingMark, underlyingValid)
	}
}

// optionOf reads the option bit of the row sel selects (0 without option rows).
func (b *batch) optionOf(sel []frontend.Variable) frontend.Variable {
	if !b.options() {
		return 0
	}
	return b.column(sel, func(r *marketRow) frontend.Variable { return r.option })
}

// marginPriceOf reads the margin price of the row a slot's one-hot selects (over the rows and
// "none"); without option rows it is the mark already read.
func (b *batch) marginPriceOf(slotSel []frontend.Variable, mark frontend.Variable) frontend.Variable {
	if !b.options() {
		return mark
	}
	return gadget.Dot(b.api, slotSel, b.colMarginPrice)
}
