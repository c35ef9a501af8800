package settlement

import (
	"math/big"
	"sort"

	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/ledger"
)

// marketRow is a market table row as the batch changes it.
type marketRow struct {
	m       *Market
	prefix  frontend.Variable // H(TAG_MARKET, paramsHash, keysHash): shared by the old and new leaf
	oldLeaf frontend.Variable
	price   [ledger.OracleSources]frontend.Variable // oracle records, updated by the batch's prices
	time    [ledger.OracleSources]frontend.Variable

	index           frontend.Variable // funding index after the tick
	lastFundingTime frontend.Variable
	funded          frontend.Variable
	mark, valid     frontend.Variable // at the batch time
	option          frontend.Variable // the row is an option's (0 without option rows)
	marginPrice     frontend.Variable // what the requirement uses: the mark but for an option
	// an option row at or after its expiry; settling in this batch; its settlement price S and
	// payoff per unit at S
	expired, settles, settlement, payoff frontend.Variable
}

// loadMarkets hashes each row's leaf before the batch and applies its funding tick, which happens
// at the start of the batch: at the previous batch's time, with the mark at that time, which must
// be valid (docs/settlement.md, "Funding tick").
func (b *batch) loadMarkets() {
	api, hd := b.api, &b.c.Header
	used := make([]frontend.Variable, len(b.c.Markets))
	ids := make([]frontend.Variable, len(b.c.Markets))
	for j := range b.c.Markets {
		used[j], ids[j] = b.c.Markets[j].Used, b.c.Markets[j].ID
	}
	assertPrefix(api, used)
	assertIncreasing(api, used, ids, 8)
	for j := range b.c.Markets {
		m := &b.c.Markets[j]
		r := &marketRow{m: m, option: 0, expired: 0, settles: 0, settlement: 0}
		if b.options() {
			b.optionTerms(j, r)
		}
		params := b.paramsHash(j)
		keys := []frontend.Variable{tagOracleKeys}
		for _, k := range m.OracleKeys {
			keys = append(keys, k.X, k.Y)
		}
		r.prefix = b.h.Hash(tagMarket, params, b.h.Hash(keys...))
		gadget.Range(api, m.Mark, 63)
		gadget.Signed(api, m.FundingIndex)
		gadget.Range(api, m.LastFundingTime, 63)
		api.AssertIsBoolean(m.Funded)
		for s, rec := range m.Records {
			gadget.Range(api, rec.Price, 63)
			gadget.Range(api, rec.PublishTime, 63)
			r.price[s], r.time[s] = rec.Price, rec.PublishTime
		}
		r.oldLeaf = b.h.Continue(r.prefix, append([]frontend.Variable{
			dynamic(api, m.Mark, m.FundingIndex, m.LastFundingTime, m.Funded)}, records(api, r.price, r.time)...)...)

		tick, rate, clamp := m.Tick, m.Rate, m.Params[pFundingClamp]
		api.AssertIsBoolean(tick)
		gadget.Implies(api, tick, gadget.Not(api, m.Used))
		gadget.Signed(api, rate)
		gadget.Implies(api, gadget.Not(api, tick), rate)
		gadget.AssertNonNegative(api, tick, api.Sub(clamp, rate), 64)
		gadget.AssertNonNegative(api, tick, api.Add(clamp, rate), 64)
		markBefore, validBefore := b.markAt(r, hd.Time)
		gadget.Implies(api, tick, gadget.Not(api, validBefore))
		gadget.AssertNonNegative(api, api.Mul(tick, m.Funded),
			api.Sub(hd.Time, m.LastFundingTime, m.Params[pFundingInterval]), 64)
		r.index = api.Add(m.FundingIndex, api.Mul(tick, rate, markBefore))
		gadget.Signed(api, r.index)
		r.lastFundingTime = api.Add(m.LastFundingTime, api.Mul(tick, api.Sub(hd.Time, m.LastFundingTime)))
		r.funded = api.Sub(api.Add(m.Funded, tick), api.Mul(m.Funded, tick))
		b.marketRows = append(b.marketRows, r)
		b.colUsed = append(b.colUsed, m.Used)
	}
}

func dynamic(api frontend.API, mark, index, lastFundingTime, funded frontend.Variable) frontend.Variable {
	return pack(api, lane{mark, 0}, lane{offset63(api, index), 64}, lane{lastFundingTime, 128}, lane{funded, 192})
}

func records(api frontend.API, price, time [ledger.OracleSources]frontend.Variable) []frontend.Variable {
	out := make([]frontend.Variable, len(price))
	for s := range price {
		out[s] = pack(api, lane{price[s], 0}, lane{time[s], 64})
	}
	return out
}

// markAt computes a row's mark at time now from its current records (ledger.MarkAt): the lower
// median of the fresh records, valid; with none fresh, of all records, invalid; 0 without any.
// A record is fresh when it has a price and was published at or after now - staleness. The
// median is hinted and checked by counting: with n counted prices and k = (n-1)/2, at most k lie
// below it and at least k+1 at or below it (so it is one of them).
func (b *batch) markAt(r *marketRow, now frontend.Variable) (mark, valid frontend.Variable) {
	api := b.api
	from := api.Sub(now, r.m.Params[pStaleness])
	present := make([]frontend.Variable, len(r.price))
	fresh := make([]frontend.Variable, len(r.price))
	var nFresh frontend.Variable = 0
	for s := range r.price {
		present[s] = gadget.IsNonZero(api, r.price[s])
		fresh[s] = api.Mul(present[s], gadget.LessOrEqual(api, from, r.time[s], 64))
		nFresh = api.Add(nFresh, fresh[s])
	}
	valid = gadget.IsNonZero(api, nFresh)
	inputs := make([]frontend.Variable, 0, 2*len(r.price))
	counted := make([]frontend.Variable, len(r.price))
	var n frontend.Variable = 0
	for s := range r.price {
		counted[s] = api.Select(valid, fresh[s], present[s])
		n = api.Add(n, counted[s])
		inputs = append(inputs, counted[s], r.price[s])
	}
	out, err := api.NewHint(lowerMedianHint, 2, inputs...)
	if err != nil {
		panic(err)
	}
	mark, k := out[0], out[1]
	gadget.Range(api, mark, 63)
	gadget.Range(api, k, 3)
	any := gadget.IsNonZero(api, n)
	gadget.Implies(api, gadget.Not(api, any), mark)
	var below, equal frontend.Variable = 0, 0
	for s := range r.price {
		below = api.MulAcc(below, counted[s], gadget.Not(api, gadget.LessOrEqual(api, mark, r.price[s], 64)))
		equal = api.MulAcc(equal, counted[s], api.IsZero(api.Sub(r.price[s], mark)))
	}
	parity := api.Sub(n, 1, api.Mul(2, k)) // n - 1 - 2k must be 0 or 1
	gadget.Implies(api, any, api.Mul(parity, api.Sub(parity, 1)))
	gadget.AssertNonNegative(api, any, api.Sub(k, below), 4)
	gadget.AssertNonNegative(api, any, api.Sub(api.Add(below, equal), k, 1), 4)
	return mark, valid
}

// oraclePrices stores each signed record as its source's last record: signed by the source's key
// in the market leaf, published no later than the batch time and after the source's last record;
// a perpetual's is a price over TAG_ORACLE with 0 < price <= maxPrice, an option row's (in a
// circuit with option rows) a volatility over TAG_VOL within [MinVolPpm, MaxVolPpm]: the records
// whose median is the row's volatility (optionMarks).
func (b *batch) oraclePrices() {
	api, hd := b.api, &b.c.Header
	nm := len(b.marketRows)
	used := make([]frontend.Variable, len(b.c.Oracles))
	for k := range b.c.Oracles {
		used[k] = b.c.Oracles[k].Used
	}
	assertPrefix(api, used)
	for k := range b.c.Oracles {
		o := &b.c.Oracles[k]
		row := gadget.OneHot(api, o.MarketRow, o.Used, nm)
		b.assertUsedMarket(row, o.Used)
		src := gadget.OneHot(api, o.Source, o.Used, ledger.OracleSources)
		var keyX, keyY, lastPrice, lastTime, id, maxPrice frontend.Variable = 0, 0, 0, 0, 0, 0
		sel := make([][]frontend.Variable, nm)
		for j, r := range b.marketRows {
			id = api.MulAcc(id, row[j], r.m.ID)
			maxPrice = api.MulAcc(maxPrice, row[j], r.m.Params[pMaxPrice])
			sel[j] = make([]frontend.Variable, ledger.OracleSources)
			for s := range sel[j] {
				sel[j][s] = api.Mul(row[j], src[s])
				keyX = api.MulAcc(keyX, sel[j][s], r.m.OracleKeys[s].X)
				keyY = api.MulAcc(keyY, sel[j][s], r.m.OracleKeys[s].Y)
				lastPrice = api.MulAcc(lastPrice, sel[j][s], r.price[s])
				lastTime = api.MulAcc(lastTime, sel[j][s], r.time[s])
			}
		}
		gadget.Range(api, o.Price, 63)
		gadget.Range(api, o.PublishTime, 63)
		var prefix, low, high frontend.Variable = b.prefixOracle, 1, maxPrice
		if b.options() {
			option := b.optionOf(row)
			prefix = api.Select(option, b.prefixVolatility, b.prefixOracle)
			low = api.Select(option, ledger.MinVolPpm, 1)
			high = api.Select(option, ledger.MaxVolPpm, maxPrice)
		}
		msg := b.h.Continue(prefix, pack(api, lane{id, 0}, lane{o.Source, 8}, lane{o.Price, 16},
			lane{o.PublishTime, 80}))
		b.sig.Verify(o.Used, gadget.Point{X: keyX, Y: keyY}, o.Signature.R, o.Signature.S, msg)
		gadget.AssertNonNegative(api, o.Used, api.Sub(o.Price, low), 63)
		gadget.AssertNonNegative(api, o.Used, api.Sub(high, o.Price), 63)
		gadget.AssertNonNegative(api, o.Used, api.Sub(hd.BatchTime, o.PublishTime), 63)
		newer := api.Mul(o.Used, gadget.IsNonZero(api, lastPrice))
		gadget.AssertNonNegative(api, newer, api.Sub(o.PublishTime, lastTime, 1), 63)
		for j, r := range b.marketRows {
			for s := range r.price {
				r.price[s] = api.Add(r.price[s], api.Mul(sel[j][s], api.Sub(o.Price, r.price[s])))
				r.time[s] = api.Add(r.time[s], api.Mul(sel[j][s], api.Sub(o.PublishTime, r.time[s])))
			}
		}
	}
}

// marks computes each market's mark at the batch time, after the batch's prices.
func (b *batch) marks() {
	for _, r := range b.marketRows {
		r.mark, r.valid = b.markAt(r, b.c.Header.BatchTime)
	}
	b.optionMarks()
	none := func(col []frontend.Variable) []frontend.Variable { return withNone(col, 0) }
	var ids, marks, marginPrices, valids, indices, imrs, mmrs []frontend.Variable
	for _, r := range b.marketRows {
		ids = append(ids, r.m.ID)
		marks = append(marks, r.mark)
		marginPrices = append(marginPrices, r.marginPrice)
		valids = append(valids, r.valid)
		indices = append(indices, r.index)
		imrs = append(imrs, r.m.Params[pInitialMargin])
		mmrs = append(mmrs, r.m.Params[pMaintenanceMargin])
	}
	b.colID = withNone(ids, noMarketID)
	b.colMark, b.colValid, b.colIndex, b.colInitialMargin = none(marks), none(valids), none(indices), none(imrs)
	b.colMaintenanceMargin, b.colMarginPrice = none(mmrs), none(marginPrices)
}

// storeMarkets writes each used row's new leaf into the market tree, in row order, and returns the
// new market root.
func (b *batch) storeMarkets() frontend.Variable {
	api := b.api
	root := b.c.Header.MarketsRoot
	for _, r := range b.marketRows {
		leaf := b.h.Continue(r.prefix, append([]frontend.Variable{
			dynamic(api, b.storedMark(r), r.index, r.lastFundingTime, r.funded)}, records(api, r.price, r.time)...)...)
		root = b.h.MerkleUpdate(r.m.Used, r.m.ID, root, r.oldLeaf, leaf, r.m.Siblings[:])
	}
	return root
}

// lowerMedianHint returns the lower median of the counted prices (0 for none) and k = (n-1)/2.
// Inputs: (counted, price) per source.
func lowerMedianHint(_ *big.Int, in, out []*big.Int) error {
	var prices []*big.Int
	for i := 0; i+1 < len(in); i += 2 {
		if in[i].Sign() != 0 {
			prices = append(prices, in[i+1])
		}
	}
	out[0].SetUint64(0)
	out[1].SetUint64(0)
	if len(prices) == 0 {
		return nil
	}
	sort.Slice(prices, func(i, j int) bool { return prices[i].Cmp(prices[j]) < 0 })
	k := (len(prices) - 1) / 2
	out[0].Set(prices[k])
	out[1].SetInt64(int64(k))
	return nil
}
