package settlement

import (
	"math/big"

	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/ledger"
)

// terms is an order row's packed terms, unpacked in a trade slot.
type terms struct {
	side, reduceOnly, postOnly, accountRow, marketRow, price frontend.Variable
}

func unpackTerms(api frontend.API, packed frontend.Variable) terms {
	bits := gadget.Range(api, packed, termsBits)
	return terms{side: bits[0], reduceOnly: bits[1], postOnly: bits[2], accountRow: api.FromBinary(bits[3:24]...),
		marketRow: api.FromBinary(bits[24:32]...), price: api.FromBinary(bits[32:]...)}
}

// market is what a trade reads of its market row.
type market struct {
	tick, lot, maxPrice, maxPosition, makerFee, takerFee, valid frontend.Variable
	option                                                      frontend.Variable // an option row: fills pay the premium
	expired                                                     frontend.Variable // an option row at or after its expiry: no fill
}

// trades checks each fill against the two orders it names and the market, and applies both legs.
func (b *batch) trades() {
	api := b.api
	used := make([]frontend.Variable, len(b.c.Trades))
	for i := range b.c.Trades {
		used[i] = b.c.Trades[i].Used
	}
	assertPrefix(api, used)
	orderTerms := make([]frontend.Variable, len(b.orderRows))
	for o, r := range b.orderRows {
		orderTerms[o] = r.terms
	}
	for i := range b.c.Trades {
		t := &b.c.Trades[i]
		w := t.Used
		makerSel := gadget.OneHot(api, t.Maker, w, len(b.orderRows))
		takerSel := gadget.OneHot(api, t.Taker, w, len(b.orderRows))
		for o, r := range b.orderRows {
			r.filled = api.MulAcc(r.filled, api.Add(makerSel[o], takerSel[o]), t.Quantity)
		}
		maker := unpackTerms(api, gadget.Dot(api, makerSel, orderTerms))
		taker := unpackTerms(api, gadget.Dot(api, takerSel, orderTerms))
		gadget.Implies(api, w, api.Sub(maker.marketRow, taker.marketRow))
		gadget.Implies(api, w, api.Sub(api.Add(maker.side, taker.side), 1))
		gadget.Implies(api, w, taker.postOnly) // a post-only order never takes liquidity

		m := b.marketOf(maker.marketRow, w)
		gadget.Implies(api, w, m.expired) // an expired option is closed
		gadget.Range(api, t.Quantity, 63)
		gadget.Range(api, t.Price, 63)
		gadget.AssertNonNegative(api, w, api.Sub(b.multiple(t.Quantity, m.lot), w), 63)
		gadget.AssertNonNegative(api, w, api.Sub(b.multiple(t.Price, m.tick), w), 63)
		gadget.AssertNonNegative(api, w, api.Sub(m.maxPrice, t.Price), 63)
		buyerLimit := api.Add(maker.price, api.Mul(maker.side, api.Sub(taker.price, maker.price)))
		sellerLimit := api.Sub(api.Add(maker.price, taker.price), buyerLimit)
		gadget.AssertNonNegative(api, w, api.Sub(buyerLimit, t.Price), 63)
		gadget.AssertNonNegative(api, w, api.Sub(t.Price, sellerLimit), 63)

		// Fees: each at most ceil(notional * rate / 10^6) of its role's rate, together not negative.
		notional := api.Mul(t.Quantity, t.Price)
		gadget.Signed(api, t.MakerFee)
		gadget.Signed(api, t.TakerFee)
		gadget.Implies(api, gadget.Not(api, w), t.MakerFee)
		gadget.Implies(api, gadget.Not(api, w), t.TakerFee)
		gadget.AssertNonNegative(api, w, api.Sub(gadget.DivCeilPpm(api, api.Mul(notional, m.makerFee)), t.MakerFee), 64)
		gadget.AssertNonNegative(api, w, api.Sub(gadget.DivCeilPpm(api, api.Mul(notional, m.takerFee)), t.TakerFee), 64)
		gadget.AssertNonNegative(api, w, api.Add(t.MakerFee, t.TakerFee), 64)
		b.feePool = api.Add(b.feePool, t.MakerFee, t.TakerFee)

		b.leg(w, maker, t.MakerSlot, t.Quantity, t.Price, t.MakerFee, m)
		b.leg(w, taker, t.TakerSlot, t.Quantity, t.Price, t.TakerFee, m)
	}
}

// marketOf reads a trade's market row.
func (b *batch) marketOf(row, gate frontend.Variable) market {
	return b.marketAt(gadget.OneHot(b.api, row, gate, len(b.marketRows)))
}

// marketAt reads what a fill needs of the market row sel selects.
func (b *batch) marketAt(sel []frontend.Variable) market {
	col := func(f func(r *marketRow) frontend.Variable) frontend.Variable { return b.column(sel, f) }
	return market{
		tick:        col(func(r *marketRow) frontend.Variable { return r.m.Params[pTick] }),
		lot:         col(func(r *marketRow) frontend.Variable { return r.m.Params[pLot] }),
		maxPrice:    col(func(r *marketRow) frontend.Variable { return r.m.Params[pMaxPrice] }),
		maxPosition: col(func(r *marketRow) frontend.Variable { return r.m.Params[pMaxPosition] }),
		makerFee:    col(func(r *marketRow) frontend.Variable { return r.m.Params[pMakerFee] }),
		takerFee:    col(func(r *marketRow) frontend.Variable { return r.m.Params[pTakerFee] }),
		valid:       col(func(r *marketRow) frontend.Variable { return r.valid }),
		option:      b.optionOf(sel),
		expired:     b.expiredOf(sel),
	}
}

// column reads one value of the market row sel selects.
func (b *batch) column(sel []frontend.Variable, f func(r *marketRow) frontend.Variable) frontend.Variable {
	var acc frontend.Variable = 0
	for j, r := range b.marketRows {
		acc = b.api.MulAcc(acc, sel[j], f(r))
	}
	return acc
}

// multiple returns n with x = n * unit (x, n below 2^63): x must be a multiple of the unit.
func (b *batch) multiple(x, unit frontend.Variable) frontend.Variable {
	out, err := b.api.NewHint(quotientHint, 1, x, unit)
	if err != nil {
		panic(err)
	}
	gadget.Range(b.api, out[0], 63)
	b.api.AssertIsEqual(x, b.api.Mul(out[0], unit))
	return out[0]
}

// leg applies a trade's side to its order's account: the order's reduce-only flag holds, and a
// leg that adds risk puts the account under the margin rule.
func (b *batch) leg(w frontend.Variable, o terms, slot, q, price, fee frontend.Variable, m market) {
	api := b.api
	rowSel := gadget.OneHot(api, o.accountRow, w, len(b.accountRows))
	cell := b.readCell(rowSel, slot, w)
	gadget.Implies(api, w, api.Sub(cell.market, o.marketRow))
	l := b.applyLeg(w, cell, gadget.Not(api, o.side), o.reduceOnly, q, price, fee, m.maxPosition, m.valid, m.option)
	for a, r := range b.accountRows {
		r.increases = api.MulAcc(r.increases, rowSel[a], l.increases)
	}
}

// cellRead is a position cell read by one-hot selection over accounts x slots, decoded.
type cellRead struct {
	sel    [][]frontend.Variable // sel[account row][slot]
	rowSel []frontend.Variable
	cell   frontend.Variable
	cellParts
}

// readCell reads the cell of a slot of the account row rowSel selects (gate 0: nothing).
func (b *batch) readCell(rowSel []frontend.Variable, slot, gate frontend.Variable) cellRead {
	api := b.api
	slotSel := gadget.OneHot(api, slot, gate, ledger.PositionSlots)
	c := cellRead{sel: make([][]frontend.Variable, len(b.accountRows)), rowSel: rowSel, cell: 0}
	for a, r := range b.accountRows {
		c.sel[a] = make([]frontend.Variable, ledger.PositionSlots)
		for p := range r.cells {
			c.sel[a][p] = api.Mul(rowSel[a], slotSel[p])
			c.cell = api.MulAcc(c.cell, c.sel[a][p], r.cells[p])
		}
	}
	c.cellParts = decodeCell(api, c.cell)
	return c
}

// legResult is what a leg leaves for the rules that follow it.
type legResult struct {
	newSize   frontend.Variable
	pure      frontend.Variable // opposite to a non-zero position and q <= |size|
	increases frontend.Variable // gated: the leg is not a pure reduction
	abs, flat frontend.Variable // |size| and size = 0, before the leg
}

// applyLeg applies one side of a fill (docs/sequencer.md, "Positions and realized PnL") to a cell
// it read and writes the cell back: a fill opposite to a non-zero position first reduces it by
// k = min(q, |size|), removing ceil(cost * k / |size|) of the cost and realizing sign(size) * k *
// price - removed; the rest opens or adds; collateral changes by realized - fee. The position stays
// within maxPosition; a fill that is not a pure reduction (opposite, non-zero position, q <=
// |size|) increases risk and needs a valid mark; with reduceOnly set it must be a pure reduction.
// On an option row (option = 1) the opening part's price * quantity moves to collateral instead
// of the cost (the premium; an option position keeps cost 0, so nothing is removed).
func (b *batch) applyLeg(w frontend.Variable, c cellRead, buy, reduceOnly, q, price, fee, maxPosition,
	valid, option frontend.Variable) legResult {
	api := b.api
	size, cost, nonNegative := c.size, c.cost, c.nonNegative
	flat := api.IsZero(size)
	long := api.Sub(nonNegative, flat)
	reducing := api.Mul(gadget.Not(api, flat), api.Sub(api.Add(long, buy), api.Mul(2, long, buy)))
	abs := api.Mul(api.Sub(api.Mul(2, nonNegative), 1), size)
	within := gadget.LessOrEqual(api, q, abs, 64) // q <= |size|
	k := api.Mul(reducing, api.Add(abs, api.Mul(within, api.Sub(q, abs))))
	pure := api.Mul(reducing, within)
	removed := gadget.DivCeil(api, api.Mul(cost, k), api.Add(abs, flat), 64)
	signedK := api.Mul(api.Sub(api.Mul(2, long), 1), k)
	realized := api.Sub(api.Mul(signedK, price), removed)
	signedQ := api.Mul(api.Sub(api.Mul(2, buy), 1), q)
	newSize := api.Add(size, signedQ)
	newCost := api.Add(api.Sub(cost, removed), api.Mul(api.Add(signedQ, signedK), price))
	premium := api.Mul(option, newCost)
	realized, newCost = api.Sub(realized, premium), api.Sub(newCost, premium)

	newBits := gadget.Signed(api, newSize)
	newAbs := api.Mul(api.Sub(api.Mul(2, newBits[63]), 1), newSize)
	gadget.AssertNonNegative(api, w, api.Sub(maxPosition, newAbs), 64)
	gadget.Signed(api, newCost)
	gadget.Implies(api, api.Mul(w, reduceOnly), gadget.Not(api, pure))
	increases := api.Mul(w, gadget.Not(api, pure))
	gadget.Implies(api, increases, gadget.Not(api, valid))

	newCell := pack(api, lane{offset63(api, newSize), 0}, lane{offset63(api, newCost), 64}, lane{c.market, 128})
	change := api.Sub(newCell, c.cell)
	for a, r := range b.accountRows {
		for p := range r.cells {
			r.cells[p] = api.MulAcc(r.cells[p], c.sel[a][p], change)
			r.touched[p] = api.Add(r.touched[p], c.sel[a][p])
		}
		r.delta = api.MulAcc(r.delta, c.rowSel[a], api.Sub(realized, fee))
	}
	return legResult{newSize: newSize, pure: pure, increases: increases, abs: abs, flat: flat}
}

// quotientHint returns x / unit (0 for unit 0).
func quotientHint(_ *big.Int, in, out []*big.Int) error {
	if in[1].Sign() == 0 {
		out[0].SetUint64(0)
		return nil
	}
	out[0].Quo(in[0], in[1])
	return nil
}
