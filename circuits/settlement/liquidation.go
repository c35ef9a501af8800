package settlement

import (
	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/ledger"
)

// LiquidationStep is one step of the liquidation sweep that ends a batch (ledger.LiquidationRow;
// docs/settlement.md, "Liquidations"). Fields a kind does not use are 0.
type LiquidationStep struct {
	Used         frontend.Variable
	Kind         frontend.Variable // ledger.StepLiquidate ... ledger.StepUnwind
	End          frontend.Variable // the liquidation ends with this step
	AccountRow   frontend.Variable // the liquidated account (the fund for an unwind)
	Slot         frontend.Variable // its position slot the fill uses
	OtherRow     frontend.Variable // the fill's other side: maker, fund or ADL counterparty
	OtherSlot    frontend.Variable
	Order        frontend.Variable // the maker's order row (close, unwind)
	Quantity     frontend.Variable
	Price        frontend.Variable
	MakerFee     frontend.Variable
	TakerFee     frontend.Variable // paid by the unsigned side of a close or unwind
	First        frontend.Variable // ADL: the first fill in its market
	Hold         frontend.Variable // cover: why the fund cannot take over (ledger.HoldDeficit ...)
	HoldSlot     frontend.Variable
	HoldFundSlot frontend.Variable
	Covered      frontend.Variable // cover: what the fund pays before ADL; end: of the flat account's deficit
	Surplus      frontend.Variable // end: the taken-over account's rest, to the fund
	Uncovered    frontend.Variable // end: the deficit nobody paid
}

// sweepColumns are an account row's per-slot values of its slots' markets, read by the steps.
type sweepColumns struct {
	mark, valid, imr, mmr [ledger.PositionSlots]frontend.Variable
	marginPrice           [ledger.PositionSlots]frontend.Variable
}

// sweepState runs from step to step: the open liquidation, its branch, and its ADL progress.
type sweepState struct {
	open, cur               frontend.Variable // a liquidation is open; its account row
	takenOver, deleveraging frontend.Variable // the branch it took
	debt                    frontend.Variable // the deficit the first ADL market's price absorbs
	group                   frontend.Variable // an ADL market is open: its row and price
	groupRow, groupPrice    frontend.Variable
	prevKey, prevFund       frontend.Variable // the last counterparty's rank key; it was the fund
}

// kinds are a step's kind bits and their useful sums.
type kinds struct {
	liquidate, close, takeover, cover, adl, end, unwind frontend.Variable
	fills                                               frontend.Variable // steps with a fill: close, takeover, ADL, unwind
	book                                                frontend.Variable // fills against a signed resting order: close, unwind
	inside                                              frontend.Variable // steps inside an open liquidation (all but liquidate and unwind)
}

// liquidations applies the sweep's steps in order after the trading phase's checks: each
// liquidation is a start, its close-into-book fills, then the fund's takeovers or a cover and ADL
// fills, and an end; the fund's unwinding fills follow (docs/settlement.md, "Liquidations").
func (b *batch) liquidations() {
	steps := b.c.Liquidations
	if len(steps) == 0 {
		return
	}
	api := b.api
	used := make([]frontend.Variable, len(steps))
	for i := range steps {
		used[i] = steps[i].Used
	}
	assertPrefix(api, used)
	// The fund (account 0) is row 0 of a batch with liquidation steps.
	fund := b.accountRows[0].a
	gadget.Implies(api, used[0], gadget.Not(api, fund.Used))
	gadget.Implies(api, used[0], fund.Index)
	for _, r := range b.accountRows {
		r.checked = [ledger.PositionSlots]*cellParts{}
		r.sweep = &sweepColumns{}
		for p := range r.cells {
			r.sweep.mark[p] = gadget.Dot(api, r.slotSel[p], b.colMark)
			r.sweep.marginPrice[p] = b.marginPriceOf(r.slotSel[p], r.sweep.mark[p])
			r.sweep.valid[p] = gadget.Dot(api, r.slotSel[p], b.colValid)
			r.sweep.imr[p] = gadget.Dot(api, r.slotSel[p], b.colInitialMargin)
			r.sweep.mmr[p] = gadget.Dot(api, r.slotSel[p], b.colMaintenanceMargin)
		}
	}
	st := &sweepState{open: 0, cur: 0, takenOver: 0, deleveraging: 0, debt: 0, group: 0, groupRow: 0,
		groupPrice: 0, prevKey: 0, prevFund: 0}
	for i := range steps {
		b.step(&steps[i], st)
	}
	api.AssertIsEqual(st.open, 0) // every liquidation ended
}

// step applies one step: its fill's two legs (the unsigned side first), then the rules of its
// kind on the state after the fill, then the end of the liquidation when End is set.
func (b *batch) step(s *LiquidationStep, st *sweepState) {
	api := b.api
	k := b.kindsOf(s)
	b.sequence(s, k, st)
	na := len(b.accountRows)
	rows, others := b.stepRows(s, k)
	fundBefore := b.fundCollateral()
	fundPositive := api.Mul(fundBefore, gadget.Signed(api, api.Mul(s.Used, fundBefore))[63])

	gadget.Range(api, s.Quantity, 63)
	gadget.Range(api, s.Price, 63)
	b.stepFees(s, k)
	u, o, m := b.fillCells(s, k, rows, others)
	buy := gadget.Not(api, u.nonNegative) // the unsigned side only closes: a short position buys
	maker := b.stepOrder(s, k, u.market, buy)
	otherOwed := b.unsettledOwed(o)
	// On an option row both legs pay the premium, as a trade's (the band, takeover and ADL rules read
	// the row's mark, which for an option is its committed mark).
	uLeg := b.applyLeg(k.fills, u, buy, k.fills, s.Quantity, s.Price, s.TakerFee, m.maxPosition, m.valid, m.option)
	oLeg := b.applyLeg(k.fills, o, gadget.Not(api, buy), api.Add(api.Mul(k.book, maker.reduceOnly), k.adl),
		s.Quantity, s.Price, s.MakerFee, m.maxPosition, m.valid, m.option)

	evalRows := make([]frontend.Variable, na) // the maker for a book fill, else the unsigned side
	for a := range evalRows {
		evalRows[a] = api.Add(rows[a], api.Mul(k.book, api.Sub(others[a], rows[a])))
	}
	v := b.valuation(evalRows, k.liquidate)
	b.liquidate(k, rows, v)
	b.closeFill(s, k, m, maker, oLeg, v)
	b.takeover(s, k, m, uLeg, v, fundPositive, st)
	b.cover(s, k, v, fundPositive, st)
	score := b.deleverage(s, k, m, u, o, uLeg, oLeg, others, otherOwed, st)
	b.endLiquidation(s, k, v, st)

	net := api.Sub(api.Mul(api.Add(k.cover, s.End), s.Covered), api.Mul(s.End, s.Surplus)) // to the account
	for a, r := range b.accountRows {
		r.delta = api.MulAcc(r.delta, rows[a], net)
		r.liquidated = api.Add(r.liquidated, api.Mul(rows[a], k.liquidate))
	}
	b.accountRows[0].delta = api.Sub(b.accountRows[0].delta, net)

	kind := api.Add(k.liquidate, api.Mul(2, k.close), api.Mul(3, k.takeover), api.Mul(4, k.cover),
		api.Mul(5, k.adl), api.Mul(6, k.end), api.Mul(7, k.unwind))
	b.stepData = append(b.stepData, pack(api, lane{kind, 0}, lane{s.End, 3}, lane{api.Mul(k.adl, m.id), 8},
		lane{api.Mul(k.adl, s.Price), 16}, lane{api.Mul(k.adl, offset63(api, score)), 80}, lane{s.Uncovered, 144}))

	st.open = api.Sub(api.Add(st.open, k.liquidate), s.End)
	st.cur = api.Add(st.cur, api.Mul(k.liquidate, api.Sub(s.AccountRow, st.cur)))
	notEnd := gadget.Not(api, s.End)
	st.takenOver, st.deleveraging = api.Mul(st.takenOver, notEnd), api.Mul(st.deleveraging, notEnd)
	st.group = api.Mul(st.group, notEnd)
}

func (b *batch) kindsOf(s *LiquidationStep) kinds {
	api := b.api
	bit := gadget.OneHot(api, s.Kind, s.Used, ledger.StepKinds)
	api.AssertIsEqual(bit[0], 0) // a used step has a kind
	k := kinds{liquidate: bit[ledger.StepLiquidate], close: bit[ledger.StepClose],
		takeover: bit[ledger.StepTakeover], cover: bit[ledger.StepCover], adl: bit[ledger.StepAdl],
		end: bit[ledger.StepEnd], unwind: bit[ledger.StepUnwind]}
	k.book = api.Add(k.close, k.unwind)
	k.fills = api.Add(k.book, k.takeover, k.adl)
	k.inside = api.Add(k.close, k.takeover, k.cover, k.adl, k.end)
	return k
}

// sequence: a liquidation starts when none is open; its steps name its account; closes and the
// cover come before the branch is taken, takeovers and ADL fills only in their branch; an unwind
// is the fund's, between liquidations; the end comes on a start, takeover or ADL step, or alone.
func (b *batch) sequence(s *LiquidationStep, k kinds, st *sweepState) {
	api := b.api
	gadget.Implies(api, k.liquidate, st.open)
	gadget.Implies(api, k.unwind, st.open)
	gadget.Implies(api, k.inside, gadget.Not(api, st.open))
	gadget.Implies(api, k.inside, api.Sub(s.AccountRow, st.cur))
	gadget.Implies(api, k.unwind, s.AccountRow)
	gadget.Implies(api, api.Add(k.close, k.cover), api.Add(st.takenOver, st.deleveraging))
	gadget.Implies(api, k.takeover, st.deleveraging)
	gadget.Implies(api, k.adl, gadget.Not(api, st.deleveraging))
	api.AssertIsBoolean(s.End)
	gadget.Implies(api, s.End, gadget.Not(api, api.Add(k.liquidate, k.takeover, k.adl, k.end)))
	gadget.Implies(api, k.end, gadget.Not(api, s.End))
}

// stepRows selects the step's account row (a used one) and its fill's other row: another account,
// the fund's row for a takeover.
func (b *batch) stepRows(s *LiquidationStep, k kinds) (rows, others []frontend.Variable) {
	api := b.api
	rows = gadget.OneHot(api, s.AccountRow, s.Used, len(b.accountRows))
	b.assertUsedAccount(rows, s.Used)
	others = gadget.OneHot(api, s.OtherRow, k.fills, len(b.accountRows))
	gadget.Implies(api, k.fills, api.IsZero(api.Sub(s.OtherRow, s.AccountRow)))
	gadget.Implies(api, k.takeover, s.OtherRow)
	return rows, others
}

// stepFees: only a book fill pays fees (to the fee pool); takeovers and ADL fills are free.
func (b *batch) stepFees(s *LiquidationStep, k kinds) {
	api := b.api
	gadget.Signed(api, s.MakerFee)
	gadget.Signed(api, s.TakerFee)
	gadget.Implies(api, gadget.Not(api, k.book), s.MakerFee)
	gadget.Implies(api, gadget.Not(api, k.book), s.TakerFee)
	b.feePool = api.Add(b.feePool, s.MakerFee, s.TakerFee)
}

// fillCells reads the two position cells of a step's fill, which must be in one market, and that
// market row, which may not be an expired option's.
func (b *batch) fillCells(s *LiquidationStep, k kinds, rows, others []frontend.Variable) (u, o cellRead, m stepMarket) {
	api := b.api
	u = b.readCell(rows, s.Slot, k.fills)
	sel := gadget.OneHot(api, u.market, k.fills, len(b.marketRows))
	m = b.stepMarketAt(sel)
	gadget.Implies(api, k.fills, m.expired) // an expired option row takes no fill (its expiry steps close it)
	o = b.readCell(others, s.OtherSlot, k.fills)
	gadget.Implies(api, k.fills, api.Sub(o.market, u.market))
	return u, o, m
}

func (b *batch) assertUsedAccount(rows []frontend.Variable, gate frontend.Variable) {
	var used frontend.Variable = 0
	for a, r := range b.accountRows {
		used = b.api.MulAcc(used, rows[a], r.a.Used)
	}
	b.api.AssertIsEqual(used, gate)
}

// fundCollateral is the fund's (row 0) collateral now, with the funding of the slots a fill has
// touched settled (the fund neither withdraws nor is liquidated).
func (b *batch) fundCollateral() frontend.Variable {
	api := b.api
	f := b.accountRows[0]
	c := api.Add(f.a.Collateral, f.delta)
	for p := range f.owed {
		c = api.Sub(c, api.Mul(gadget.IsNonZero(api, f.touched[p]), f.owed[p]))
	}
	return c
}

// stepMarket is what a step reads of its fill's market row.
type stepMarket struct {
	market
	mark, mmr, id frontend.Variable
}

func (b *batch) stepMarketAt(sel []frontend.Variable) stepMarket {
	return stepMarket{market: b.marketAt(sel), mark: b.column(sel, func(r *marketRow) frontend.Variable { return r.mark }),
		mmr: b.column(sel, func(r *marketRow) frontend.Variable { return r.m.Params[pMaintenanceMargin] }),
		id:  b.column(sel, func(r *marketRow) frontend.Variable { return r.m.ID })}
}

// stepOrder reads a book fill's maker order row: a used row of the other side's account, in the
// fill's market, on the side opposite to the unsigned side; it counts the fill against the order.
func (b *batch) stepOrder(s *LiquidationStep, k kinds, marketRow, unsignedBuys frontend.Variable) terms {
	api := b.api
	sel := gadget.OneHot(api, s.Order, k.book, len(b.orderRows))
	var used, packed frontend.Variable = 0, 0
	for o, r := range b.orderRows {
		used = api.MulAcc(used, sel[o], r.o.Used)
		packed = api.MulAcc(packed, sel[o], r.terms)
		r.filled = api.MulAcc(r.filled, sel[o], s.Quantity)
	}
	api.AssertIsEqual(used, k.book)
	t := unpackTerms(api, packed)
	gadget.Implies(api, k.book, api.Sub(t.accountRow, s.OtherRow))
	gadget.Implies(api, k.book, api.Sub(t.marketRow, marketRow))
	gadget.Implies(api, k.book, api.Sub(t.side, unsignedBuys)) // the maker sells to a closing buy
	return t
}

// unsettledOwed is the funding a read cell's slot still owes: 0 once a fill touched it or its
// account withdrew or was liquidated.
func (b *batch) unsettledOwed(c cellRead) frontend.Variable {
	api := b.api
	var owed, settles frontend.Variable = 0, 0
	for a, r := range b.accountRows {
		for p := range r.cells {
			owed = api.MulAcc(owed, c.sel[a][p], r.owed[p])
			settles = api.MulAcc(settles, c.sel[a][p], r.touched[p])
		}
		settles = api.MulAcc(settles, c.rowSel[a], api.Add(r.withdrawals, r.liquidated))
	}
	return api.Mul(owed, api.IsZero(settles))
}

// valuation is an account's margin position now, at the batch's marks.
type valuation struct {
	collateral  frontend.Variable // with all its funding settled
	equity      frontend.Variable // collateral + sum (size * mark - cost)
	requirement frontend.Variable // sum ceil(|size| * marginPrice * rate / 10^6), or the portfolio one
	size        [ledger.PositionSlots]frontend.Variable
	market      [ledger.PositionSlots]frontend.Variable // each slot's market row
	positions   frontend.Variable                       // non-empty slots
	invalid     frontend.Variable                       // non-empty slots whose market has no valid mark
}

// valuation values the account row rows selects, with the maintenance requirement when
// maintenance is 1, else the initial one; by the portfolio rule for a portfolio account.
func (b *batch) valuation(rows []frontend.Variable, maintenance frontend.Variable) valuation {
	api := b.api
	v := valuation{collateral: 0, positions: 0, invalid: 0}
	for a, r := range b.accountRows {
		v.collateral = api.MulAcc(v.collateral, rows[a], api.Add(r.base(api), r.delta))
	}
	v.equity = v.collateral
	var cross frontend.Variable = 0
	var cells [ledger.PositionSlots]cellParts
	for p := range v.size {
		var cell, mark, marginPrice, valid, imr, mmr frontend.Variable = 0, 0, 0, 0, 0, 0
		for a, r := range b.accountRows {
			cell = api.MulAcc(cell, rows[a], r.cells[p])
			mark = api.MulAcc(mark, rows[a], r.sweep.mark[p])
			if b.options() {
				marginPrice = api.MulAcc(marginPrice, rows[a], r.sweep.marginPrice[p])
			}
			valid = api.MulAcc(valid, rows[a], r.sweep.valid[p])
			imr = api.MulAcc(imr, rows[a], r.sweep.imr[p])
			mmr = api.MulAcc(mmr, rows[a], r.sweep.mmr[p])
		}
		c := decodeCell(api, cell)
		cells[p] = c
		rate := api.Add(imr, api.Mul(maintenance, api.Sub(mmr, imr)))
		v.equity = api.Add(v.equity, api.Sub(api.Mul(c.size, mark), c.cost))
		if !b.options() {
			marginPrice = mark
		}
		cross = api.Add(cross, gadget.DivCeilPpm(api, api.Mul(c.abs(api), marginPrice, rate)))
		present := gadget.IsNonZero(api, c.size)
		v.size[p], v.market[p] = c.size, c.market
		v.positions = api.Add(v.positions, present)
		v.invalid = api.Add(v.invalid, api.Mul(present, gadget.Not(api, valid)))
	}
	v.requirement = cross
	if b.risk != nil {
		v.requirement = b.modeRequirement(rows, cells, maintenance, cross)
	}
	return v
}

// liquidate: the account is not the fund, its equity is below its maintenance requirement, and
// every market it holds a position in has a valid mark.
func (b *batch) liquidate(k kinds, rows []frontend.Variable, v valuation) {
	api := b.api
	var index frontend.Variable = 0
	for a, r := range b.accountRows {
		index = api.MulAcc(index, rows[a], r.a.Index)
	}
	gadget.Implies(api, k.liquidate, api.IsZero(index))
	gadget.AssertNonNegative(api, k.liquidate, api.Sub(v.requirement, v.equity, 1), b.marginBits())
	gadget.Implies(api, k.liquidate, v.invalid)
}

// closeFill: a close (or the fund's unwind) fills at a price on the tick grid, at most maxPrice,
// within the maker's limit and within the band around the mark, floor(mark * mmr / 10^6); the
// quantity is a multiple of the lot; fees at most the rates, together not negative; a maker whose
// fill adds risk meets the margin rule after it.
func (b *batch) closeFill(s *LiquidationStep, k kinds, m stepMarket, maker terms, makerLeg legResult, v valuation) {
	api := b.api
	book := k.book
	gadget.Implies(api, book, gadget.Not(api, m.valid))
	gadget.AssertNonNegative(api, book, api.Sub(b.multiple(api.Mul(book, s.Quantity), m.lot), book), 63)
	gadget.AssertNonNegative(api, book, api.Sub(b.multiple(api.Mul(book, s.Price), m.tick), book), 63)
	gadget.AssertNonNegative(api, book, api.Sub(m.maxPrice, s.Price), 63)
	sign := api.Sub(1, api.Mul(2, maker.side)) // a buying maker's limit caps the price, a seller's floors it
	gadget.AssertNonNegative(api, book, api.Mul(sign, api.Sub(maker.price, s.Price)), 63)
	band := api.Neg(gadget.DivCeilPpm(api, api.Neg(api.Mul(m.mark, m.mmr))))
	// the unsigned side buys (the maker sells) at most mark + band, sells at least mark - band
	gadget.AssertNonNegative(api, book, api.Add(band, api.Mul(api.Neg(sign), api.Sub(m.mark, s.Price))), 64)
	notional := api.Mul(s.Quantity, s.Price)
	gadget.AssertNonNegative(api, book, api.Sub(gadget.DivCeilPpm(api, api.Mul(notional, m.makerFee)), s.MakerFee), 64)
	gadget.AssertNonNegative(api, book, api.Sub(gadget.DivCeilPpm(api, api.Mul(notional, m.takerFee)), s.TakerFee), 64)
	gadget.AssertNonNegative(api, book, api.Add(s.MakerFee, s.TakerFee), 64)
	gadget.AssertNonNegative(api, api.Mul(book, makerLeg.increases), api.Sub(v.equity, v.requirement), b.marginBits())
}

// takeover: the fund takes the whole position at the mark; the first takeover of a liquidation
// needs the fund to be able to pay the deficit: equity + max(0, fund collateral) >= 0.
func (b *batch) takeover(s *LiquidationStep, k kinds, m stepMarket, u legResult, v valuation,
	fundPositive frontend.Variable, st *sweepState) {
	api := b.api
	gadget.Implies(api, k.takeover, api.Sub(s.Price, m.mark))
	gadget.Implies(api, k.takeover, u.newSize)
	first := api.Mul(k.takeover, gadget.Not(api, st.takenOver))
	gadget.AssertNonNegative(api, first, api.Add(v.equity, fundPositive), 72)
	st.takenOver = api.Add(st.takenOver, first)
}

// cover starts auto-deleveraging, only when the fund cannot take over (Hold says why: it cannot
// pay the deficit; its position in a remaining market would pass maxPosition; it has no slot for
// one). The fund pays min(max(0, its collateral), max(0, -equity)); the rest of the deficit is
// what the first ADL market's price absorbs.
func (b *batch) cover(s *LiquidationStep, k kinds, v valuation, fundPositive frontend.Variable, st *sweepState) {
	api := b.api
	gadget.Implies(api, k.cover, api.IsZero(v.positions))
	expected := minimum(api, fundPositive, positivePart(api, api.Neg(v.equity)))
	gadget.Implies(api, k.cover, api.Sub(s.Covered, expected))

	hold := gadget.OneHot(api, s.Hold, k.cover, 3)
	gadget.AssertNonNegative(api, hold[ledger.HoldDeficit], api.Neg(api.Add(v.equity, fundPositive, 1)), 72)
	byPosition := api.Add(hold[ledger.HoldBound], hold[ledger.HoldSlots])
	slot := gadget.OneHot(api, s.HoldSlot, byPosition, ledger.PositionSlots)
	size, market := gadget.Dot(api, slot, v.size[:]), gadget.Dot(api, slot, v.market[:])
	gadget.Implies(api, byPosition, api.IsZero(size))
	fund := b.accountRows[0]
	bound := hold[ledger.HoldBound]
	fc := decodeCell(api, gadget.Dot(api, gadget.OneHot(api, s.HoldFundSlot, bound, ledger.PositionSlots), fund.cells[:]))
	gadget.Implies(api, bound, api.Sub(fc.market, market))
	sum := api.Mul(bound, api.Add(fc.size, size))
	abs := api.Mul(api.Sub(api.Mul(2, gadget.Signed(api, sum)[63]), 1), sum)
	maxPosition := b.column(gadget.OneHot(api, market, bound, len(b.marketRows)),
		func(r *marketRow) frontend.Variable { return r.m.Params[pMaxPosition] })
	gadget.AssertNonNegative(api, bound, api.Sub(abs, maxPosition, 1), 64)
	for _, sm := range fund.a.SlotMarket {
		gadget.Implies(api, hold[ledger.HoldSlots], api.IsZero(api.Sub(sm, len(b.marketRows))))
		gadget.Implies(api, hold[ledger.HoldSlots], api.IsZero(api.Sub(sm, market)))
	}
	debt := positivePart(api, api.Neg(api.Add(v.equity, s.Covered)))
	st.debt = api.Add(st.debt, api.Mul(k.cover, api.Sub(debt, st.debt)))
	st.deleveraging = api.Add(st.deleveraging, k.cover)
}

// deleverage: an ADL fill is a pure reduction of both sides that closes one of them. Markets go in
// ascending order; the first one's price absorbs the deficit, min(maxPrice, mark + ceil(debt /
// |size|)) for a long, max(1, mark - ceil(...)) for a short, the others close at the mark. Within
// a market, counterparties come by decreasing score (position value at the mark minus funding
// owed), then ascending index, the fund last. Returns the score (published).
func (b *batch) deleverage(s *LiquidationStep, k kinds, m stepMarket, u, o cellRead, uLeg, oLeg legResult,
	others []frontend.Variable, otherOwed frontend.Variable, st *sweepState) frontend.Variable {
	api := b.api
	gadget.Implies(api, k.adl, api.Mul(uLeg.newSize, oLeg.newSize))
	first := s.First
	api.AssertIsBoolean(first)
	gadget.Implies(api, gadget.Not(api, k.adl), first)
	next := api.Sub(k.adl, first)

	shift := gadget.DivCeil(api, api.Mul(first, st.debt), api.Add(uLeg.abs, uLeg.flat), 64)
	up, down := api.Add(m.mark, shift), api.Sub(m.mark, shift)
	capped := api.Add(m.maxPrice, api.Mul(gadget.LessOrEqual(api, up, m.maxPrice, 66), api.Sub(up, m.maxPrice)))
	floored := api.Add(1, api.Mul(gadget.LessOrEqual(api, 1, down, 66), api.Sub(down, 1)))
	rule := api.Add(floored, api.Mul(u.nonNegative, api.Sub(capped, floored)))
	price := api.Add(st.groupPrice, api.Mul(first, api.Sub(rule, st.groupPrice)))
	gadget.Implies(api, k.adl, api.Sub(s.Price, price))

	// Markets strictly ascend, and the account ends flat with ADL the only way left to close: so
	// the first market is the lowest one it holds.
	gadget.AssertNonNegative(api, api.Mul(first, st.group), api.Sub(u.market, st.groupRow, 1), 9)
	gadget.Implies(api, next, api.Sub(u.market, st.groupRow))
	gadget.Implies(api, next, gadget.Not(api, st.group))

	score := api.Sub(api.Mul(o.size, m.mark), o.cost, otherOwed)
	gadget.Signed(api, api.Mul(k.adl, score))
	var index frontend.Variable = 0
	for a, r := range b.accountRows {
		index = api.MulAcc(index, others[a], r.a.Index)
	}
	isFund := api.IsZero(s.OtherRow)
	key := api.Sub(api.Add(api.Mul(score, 1<<ledger.AccountDepth), 1<<ledger.AccountDepth-1), index)
	gadget.Implies(api, next, st.prevFund)
	gadget.AssertNonNegative(api, api.Mul(next, gadget.Not(api, isFund)), api.Sub(st.prevKey, key, 1), 90)

	st.groupRow = api.Add(st.groupRow, api.Mul(first, api.Sub(u.market, st.groupRow)))
	st.groupPrice = api.Add(st.groupPrice, api.Mul(first, api.Sub(rule, st.groupPrice)))
	st.group = api.Add(st.group, api.Mul(first, gadget.Not(api, st.group)))
	st.prevKey = api.Add(st.prevKey, api.Mul(k.adl, api.Sub(key, st.prevKey)))
	st.prevFund = api.Add(st.prevFund, api.Mul(k.adl, api.Sub(isFund, st.prevFund)))
	st.debt = api.Mul(st.debt, gadget.Not(api, first))
	return score
}

// endLiquidation: the account is flat; after takeovers its positive collateral goes to the fund
// (Surplus); a negative one the fund pays as far as it can (Covered); the rest is Uncovered.
func (b *batch) endLiquidation(s *LiquidationStep, k kinds, v valuation, st *sweepState) {
	api := b.api
	end := s.End
	gadget.Implies(api, end, v.positions)
	surplus := api.Mul(st.takenOver, positivePart(api, v.collateral))
	gadget.Implies(api, end, api.Sub(s.Surplus, surplus))
	gadget.Implies(api, gadget.Not(api, end), s.Surplus)
	left := api.Sub(v.collateral, s.Surplus)
	cover := minimum(api, positivePart(api, api.Add(b.fundCollateral(), s.Surplus)), positivePart(api, api.Neg(left)))
	gadget.Implies(api, end, api.Sub(s.Covered, cover))
	gadget.Implies(api, api.Sub(1, end, k.cover), s.Covered)
	uncovered := positivePart(api, api.Neg(api.Add(left, s.Covered)))
	gadget.Implies(api, end, api.Sub(s.Uncovered, uncovered))
	gadget.Implies(api, gadget.Not(api, end), s.Uncovered)
}

// positivePart is max(0, x) for |x| < 2^72.
func positivePart(api frontend.API, x frontend.Variable) frontend.Variable {
	return api.Mul(x, gadget.LessOrEqual(api, 0, x, 72))
}

// minimum is min(x, y) for |x - y| < 2^72.
func minimum(api frontend.API, x, y frontend.Variable) frontend.Variable {
	return api.Add(y, api.Mul(gadget.LessOrEqual(api, x, y, 72), api.Sub(x, y)))
}
