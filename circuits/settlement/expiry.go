package settlement

import (
	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
)

// ExpiryStep closes one option position at its expiry (ledger.ExpiryRow; docs/settlement.md,
// "Option expiry"): the account row and slot, the settlement price S and the payoff per unit.
type ExpiryStep struct {
	Used       frontend.Variable
	AccountRow frontend.Variable
	Slot       frontend.Variable
	Settlement frontend.Variable // S: the underlying's mark at the first settling batch
	Payoff     frontend.Variable // max(0, +-(S - strike)) * contractSize
}

// expiryColumns sets an option row's expiry flags: expired (the batch time is at or after its
// expiry: it takes no fill and has no valid mark) and settles (expired, and settled before or
// with a valid underlying mark: every loaded position closes in this batch; without either the
// option waits, as the sequencer halts it), and the settlement price S: the one the leaf stores
// once settled (its unused funding lanes: funded = settled, lastFundingTime = S), else the
// underlying's mark. A row that settles stores its S, so a holder a batch leaves out settles
// later at the same S.
func (b *batch) expiryColumns(j int, underlyingMark, underlyingValid frontend.Variable) {
	api, o, r := b.api, &b.c.Options[j], b.marketRows[j]
	r.expired = api.Mul(o.IsOption, gadget.LessOrEqual(api, o.Expiry, b.c.Header.BatchTime, 64))
	gadget.Implies(api, r.expired, o.Valid)
	settled := api.Mul(o.IsOption, r.funded)
	gadget.Implies(api, settled, gadget.Not(api, r.expired)) // settled only at or after the expiry
	r.settles = api.Mul(r.expired, api.Or(settled, underlyingValid))
	r.settlement = api.Select(settled, r.lastFundingTime, underlyingMark)
	r.payoff = Payoff(api, r.settlement, o.Strike, o.Kind, o.ContractSize)
	r.lastFundingTime = api.Select(r.settles, r.settlement, r.lastFundingTime)
	r.funded = api.Select(r.settles, 1, r.funded)
}

// expiries applies the expiry steps after the trades: each closes a non-empty slot of a used
// account row in an option row that settles now, at the payoff of the underlying's mark; the
// collateral changes by size * payoff and the slot empties (an option position has cost 0).
func (b *batch) expiries() {
	steps := b.c.Expiries
	if len(steps) == 0 {
		return
	}
	api := b.api
	used := make([]frontend.Variable, len(steps))
	for i := range steps {
		used[i] = steps[i].Used
	}
	assertPrefix(api, used)
	for i := range steps {
		s := &steps[i]
		rows := gadget.OneHot(api, s.AccountRow, s.Used, len(b.accountRows))
		b.assertUsedAccount(rows, s.Used)
		c := b.readCell(rows, s.Slot, s.Used)
		sel := gadget.OneHot(api, c.market, s.Used, len(b.marketRows))
		gadget.Implies(api, s.Used, api.IsZero(c.size))
		gadget.Implies(api, s.Used, c.cost)
		gadget.Implies(api, s.Used, gadget.Not(api, b.column(sel, func(r *marketRow) frontend.Variable { return r.settles })))
		gadget.Implies(api, s.Used, api.Sub(s.Settlement, b.column(sel, func(r *marketRow) frontend.Variable { return r.settlement })))

		var strike, kind, contractSize frontend.Variable = 0, 0, 0
		for j := range b.marketRows {
			o := &b.c.Options[j]
			strike = api.MulAcc(strike, sel[j], o.Strike)
			kind = api.MulAcc(kind, sel[j], o.Kind)
			contractSize = api.MulAcc(contractSize, sel[j], o.ContractSize)
		}
		gadget.Range(api, s.Settlement, 63)
		gadget.Range(api, s.Payoff, 63)
		gadget.Implies(api, s.Used, api.Sub(s.Payoff, Payoff(api, s.Settlement, strike, kind, contractSize)))
		gadget.Implies(api, gadget.Not(api, s.Used), s.Payoff)
		gadget.Implies(api, gadget.Not(api, s.Used), s.Settlement)

		flat := pack(api, lane{gadget.Two63, 0}, lane{gadget.Two63, 64}, lane{c.market, 128})
		change := api.Sub(flat, c.cell)
		for a, r := range b.accountRows {
			for p := range r.cells {
				r.cells[p] = api.MulAcc(r.cells[p], c.sel[a][p], change)
			}
			r.delta = api.MulAcc(r.delta, rows[a], api.Mul(c.size, s.Payoff))
		}
	}
}

// expiredClosed: at the end of the trading phase, no account row holds a position in an option
// row that settles in this batch, in any circuit with option rows (a batch cannot skip a holder it
// loads; one it does not load settles in a later batch at the stored S: docs/settlement.md,
// "Option expiry").
func (b *batch) expiredClosed() {
	if !b.options() {
		return
	}
	col := make([]frontend.Variable, 0, len(b.marketRows)+1)
	for _, r := range b.marketRows {
		col = append(col, r.settles)
	}
	col = append(col, 0)
	for _, r := range b.accountRows {
		for p := range r.cells {
			b.api.AssertIsEqual(b.api.Mul(gadget.Dot(b.api, r.slotSel[p], col), r.checked[p].size), 0)
		}
	}
}

// expiredOf reads the expired flag of the row sel selects (0 without option rows).
func (b *batch) expiredOf(sel []frontend.Variable) frontend.Variable {
	if !b.options() {
		return 0
	}
	return b.column(sel, func(r *marketRow) frontend.Variable { return r.expired })
}

// Payoff is an option's cash settlement per unit at the settlement price s (ledger.Payoff):
// max(0, s - strike) * contractSize for a call (kind 0), max(0, strike - s) * contractSize for a
// put (kind 1); s and strike below 2^63.
func Payoff(api frontend.API, s, strike, kind, contractSize frontend.Variable) frontend.Variable {
	intrinsic := api.Mul(api.Sub(s, strike), api.Sub(1, api.Mul(2, kind))) // s - strike, or strike - s
	return api.Mul(positivePart(api, intrinsic), contractSize)
}

// storedMark is the mark a row's new leaf stores and its element publishes: the batch's mark, or,
// for an option row that settles, its payoff per unit at S, what a position left in it is worth
// (an exit values it at the published mark: docs/bridge.md "Exits").
func (b *batch) storedMark(r *marketRow) frontend.Variable {
	if !b.options() {
		return r.mark
	}
	return b.api.Select(r.settles, r.payoff, r.mark)
}
