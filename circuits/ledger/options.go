package ledger

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/layout"
)

// Option markets in the settlement (docs/settlement.md, "Option markets"): a European call or put
// on a perpetual market, cash-settled in collateral. Its terms are fixed at listing and hashed into
// its market leaf's paramsHash; its mark is a committed input of the batch (the sequencer's
// Black-76 mark, docs/options.md), published per option row; a fill moves the premium to
// collateral; cross margin values it at the margin price max(mark, underlying mark * contractSize).

// TagOptionParams heads an option market's paramsHash (a perpetual's keeps TagMarketParams).
var TagOptionParams = layout.Tag("sable.oparams.v1")

// Option kinds (the sequencer's OptionKind ordinals).
const (
	Call = 0
	Put  = 1
)

// OptionTerms are an option market's contract terms (the sequencer's OptionTerms).
type OptionTerms struct {
	Underlying   int64 // the perpetual market's id
	Kind         int64 // Call or Put
	Strike       int64 // collateral units per underlying quantity unit
	Expiry       int64 // log time
	ContractSize int64 // underlying quantity units per option quantity unit
}

// OptionMark is the sequencer's mark of an option market at the batch time and the volatility it
// used: committed inputs, published in the option row's element (not recomputed by the circuit;
// anyone recomputes the mark from them, the underlying's published mark and the terms).
type OptionMark struct {
	Market int64
	Mark   int64
	Valid  bool
	VolPpm int64 // the option's volatility (ppm per year), below 2^24
}

// OptionVolBits bounds a committed volatility (the sequencer's are at most 10^7 ppm).
const OptionVolBits = 24

// The range of a signed volatility record, ppm per year (the sequencer's VolatilityQuote bounds:
// 0.1% to 1000%).
const (
	MinVolPpm = 1_000
	MaxVolPpm = 10_000_000
)

// ParamsHash is Params.Hash() for a perpetual and, for an option, H(TAG_OPTION_PARAMS, the 11
// parameters, underlying, kind, strike, expiry, contractSize).
func (m *Market) ParamsHash() fr.Element {
	if m.Option == nil {
		return m.Params.Hash()
	}
	p, o := m.Params, m.Option
	return layout.Hash(TagOptionParams, layout.Int(p.TickSize), layout.Int(p.LotSize),
		layout.Int(p.InitialMarginPpm), layout.Int(p.MaintenanceMarginPpm), layout.Int(p.MakerFeePpm),
		layout.Int(p.TakerFeePpm), layout.Int(p.MaxPosition), layout.Int(p.MaxPrice),
		layout.Int(p.OracleStaleness), layout.Int(p.FundingInterval), layout.Int(p.FundingClampPpm),
		layout.Int(o.Underlying), layout.Int(o.Kind), layout.Int(o.Strike), layout.Int(o.Expiry),
		layout.Int(o.ContractSize))
}

// OptionElementBit is set in an option row's public market element (bit 10; 0 for a perpetual,
// so the elements of batches without options did not change); its volatility is at
// OptionVolShift (a perpetual's element has nothing there).
const (
	OptionElementBit = 10
	OptionVolShift   = 208
)

// checkOptionListing is the listing rule the circuit relies on (docs/options.md, "Listing"): the
// underlying is a listed perpetual, the terms are in range, maxPrice bounds the margin price, and
// the option is listed unsettled: no funding index, no settled bit, no stored settlement price
// (docs/settlement.md, "Option expiry": a stored S would be the price every position settles at).
func checkOptionListing(m *Market, markets map[int64]*Market) error {
	o := m.Option
	if m.FundingIndex != 0 || m.Funded || m.LastFundingTime != 0 {
		return fmt.Errorf("option market %d: listed with funding or a settlement price", m.ID)
	}
	u, ok := markets[o.Underlying]
	if !ok || u.Option != nil {
		return fmt.Errorf("option market %d: underlying %d is not a listed perpetual", m.ID, o.Underlying)
	}
	if o.Kind != Call && o.Kind != Put {
		return fmt.Errorf("option market %d: kind %d", m.ID, o.Kind)
	}
	if o.Strike < 1 || o.Expiry < 1 || o.ContractSize < 1 {
		return fmt.Errorf("option market %d: strike, expiry and contract size must be positive", m.ID)
	}
	bound := big.NewInt(m.Params.MaxPrice)
	if new(big.Int).Mul(big.NewInt(u.Params.MaxPrice), big.NewInt(o.ContractSize)).Cmp(bound) > 0 ||
		new(big.Int).Mul(big.NewInt(o.Strike), big.NewInt(o.ContractSize)).Cmp(bound) > 0 {
		return fmt.Errorf("option market %d: maxPrice %d below the underlying's maxPrice or the strike times the contract size",
			m.ID, m.Params.MaxPrice)
	}
	return nil
}

// underlyingsOf adds to the set the underlying of every option market in it (its margin price
// reads the underlying's mark, so the underlying needs a row).
func (a *applier) underlyingsOf(set map[int64]bool) {
	for id := range set {
		if m, ok := a.s.markets[id]; ok && m.Option != nil {
			set[m.Option.Underlying] = true
		}
	}
}

// optionMarks sets each option row's mark from the batch's committed marks: every option row
// needs one (a mark of an option market without a row is not used); a valid mark needs a valid
// underlying mark and a batch time before the expiry (an expired option has no valid mark).
func (a *applier) optionMarks() error {
	given := map[int64]OptionMark{}
	for _, om := range a.b.OptionMarks {
		if _, dup := given[om.Market]; dup {
			return fmt.Errorf("option market %d marked twice", om.Market)
		}
		given[om.Market] = om
	}
	for i, ms := range a.markets {
		o := ms.m.Option
		if o == nil {
			continue
		}
		om, ok := given[ms.m.ID]
		if !ok {
			return fmt.Errorf("option market %d has no mark in the batch", ms.m.ID)
		}
		delete(given, ms.m.ID)
		ms.m.Mark, ms.valid = om.Mark, om.Valid
		u := a.markets[a.marketRow[o.Underlying]]
		row := &a.w.Markets[i]
		row.UnderlyingRow, row.OptionMark, row.OptionValid = a.marketRow[o.Underlying], om.Mark, om.Valid
		row.OptionVol, ms.vol = om.VolPpm, om.VolPpm
		if om.VolPpm < 0 || om.VolPpm >= 1<<OptionVolBits {
			a.violate("option-mark", "option market %d volatility %d outside [0, 2^%d)", ms.m.ID, om.VolPpm,
				OptionVolBits)
		}
		if om.Mark < 0 || om.Mark > ms.m.Params.MaxPrice {
			a.violate("option-mark", "option market %d mark %d outside [0, %d]", ms.m.ID, om.Mark, ms.m.Params.MaxPrice)
		}
		// The volatility is the lower median of the option's signed records, as a mark is of prices.
		if vol, volValid := MarkAt(&ms.m, a.b.Time); om.VolPpm != vol || om.Valid && !volValid {
			a.violate("option-volatility", "option market %d committed volatility %d (valid %t), its records' %d (valid %t)",
				ms.m.ID, om.VolPpm, om.Valid, vol, volValid)
		}
		if om.Valid && !u.valid {
			a.violate("option-mark", "option market %d valid without a valid underlying mark", ms.m.ID)
		}
		if om.Valid && a.expired(ms) {
			a.violate("option-expired", "option market %d expired at %d has a valid mark at %d", ms.m.ID, o.Expiry,
				a.b.Time)
		}
	}
	for id := range given { // the sequencer may commit every option's mark: those without a row go unused
		if m, ok := a.s.markets[id]; !ok || m.Option == nil {
			return fmt.Errorf("mark for market %d, not an option market", id)
		}
	}
	return nil
}

// marginPrice is the price a market's requirement uses: the mark for a perpetual; for an option,
// max(mark, underlying mark * contractSize) (docs/options.md, "Cross margin of options").
func (a *applier) marginPrice(ms *marketState) int64 {
	o := ms.m.Option
	if o == nil {
		return ms.m.Mark
	}
	u := a.markets[a.marketRow[o.Underlying]].m.Mark
	exposure := a.int64Of("margin price", new(big.Int).Mul(big.NewInt(u), big.NewInt(o.ContractSize)))
	return max(ms.m.Mark, exposure)
}

// premium applies the option rule to a fill: the opening part's price * quantity, which a
// perpetual puts into the cost, moves to collateral instead; an option position keeps no cost.
func premium(f Fill) Fill {
	f.Realized = new(big.Int).Sub(f.Realized, f.Cost)
	f.Cost = new(big.Int)
	return f
}
