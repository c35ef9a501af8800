package settlement

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/ledger"
)

// Portfolio margin in the circuit (docs/settlement.md "Portfolio margin in the circuit"): a batch's
// risk arrays are committed inputs, bound by one public element H(TAG_RISK, ...) (ledger.
// RiskCommitment); the requirement of an account in portfolio mode is a linear function of them
// (ledger.PortfolioMaintenance), checked here exactly: no sum can leave the field (a requirement is
// below 2^137, portfolioBits), so the figure is the unbounded one the ledger saturates, and every comparison with equity decides as the
// sequencer's saturated one does.

func init() {
	solver.RegisterHint(worstLossHint)
}

// portfolioBits bounds a scenario sum, a weighted loss and a requirement (|x| < 2^portfolioBits).
// Only the 8 slots contribute: a scenario sum is at most 8 products of a net size below 2^66 and an
// entry of at most 2^63 (below 2^132); a maintenance is at most 8 underlyings' worst losses and 8
// short minima (below 2^126 each): below 2^136, the initial requirement below 2^137.
const portfolioBits = 137

// RiskRow is one row of the batch's risk table (ledger.RiskRow) and the row of its underlying.
type RiskRow struct {
	Market, Underlying, RangePpm, ShortMinimum frontend.Variable
	UnderlyingRow                              frontend.Variable // the row whose market is Underlying
	Pnl                                        [ledger.Scenarios]frontend.Variable
}

// riskTable is the risk rows as the portfolio check reads them.
type riskTable struct {
	rows   []RiskRow
	market []frontend.Variable
	short  []frontend.Variable   // each row's short minimum
	under  [][]frontend.Variable // per row, one-hot over the rows: its underlying's row
}

// loadRiskTable range-checks each row (entries signed 64-bit, the minimum and range non-negative),
// links it to its underlying's row and returns the table and its commitment.
func loadRiskTable(api frontend.API, h *gadget.Hasher, rows []RiskRow) (riskTable, frontend.Variable) {
	t := riskTable{rows: rows}
	for i := range rows {
		t.market = append(t.market, rows[i].Market)
		t.short = append(t.short, rows[i].ShortMinimum)
	}
	elems := []frontend.Variable{fe(ledger.TagRisk), ledger.RiskGridVersion}
	for i := range rows {
		r := &rows[i]
		gadget.Range(api, r.Market, 8)
		gadget.Range(api, r.Underlying, 8)
		gadget.Range(api, r.RangePpm, ledger.RangeBits)
		gadget.Range(api, r.ShortMinimum, 63)
		for s := range r.Pnl {
			gadget.Signed(api, r.Pnl[s])
		}
		sel := gadget.OneHot(api, r.UnderlyingRow, 1, len(rows))
		api.AssertIsEqual(gadget.Dot(api, sel, t.market), r.Underlying)
		t.under = append(t.under, sel)
		elems = append(elems, r.Market, r.Underlying, r.RangePpm, r.ShortMinimum)
		elems = append(elems, r.Pnl[:]...)
	}
	return t, h.Hash(elems...)
}

// portfolioSlot is a position as the portfolio rule reads it: its row (one-hot over the risk
// rows, all zero for an empty slot), its signed size and whether the size is >= 0.
type portfolioSlot struct {
	sel               []frontend.Variable
	size, nonNegative frontend.Variable
}

// portfolioMaintenance is ledger.PortfolioMaintenance of the slots: per underlying row the worst
// weighted scenario loss (a prover hint, held to be at least every weighted loss and equal to one
// of them or 0), plus the short minimum of every short slot.
func portfolioMaintenance(api frontend.API, t riskTable, slots []portfolioSlot) frontend.Variable {
	n := len(t.rows)
	net := make([]frontend.Variable, n) // each row's summed size
	for r := range net {
		net[r] = 0
		for _, p := range slots {
			net[r] = api.MulAcc(net[r], p.sel[r], p.size)
		}
	}
	var total frontend.Variable = 0
	for _, p := range slots {
		short := api.Mul(gadget.Not(api, p.nonNegative), api.Neg(p.size)) // |size| if short, else 0
		total = api.MulAcc(total, short, gadget.Dot(api, p.sel, t.short))
	}
	// sums[u][s]: the P&L of underlying row u's positions in scenario s
	sums := make([][ledger.Scenarios]frontend.Variable, n)
	for u := range sums {
		for s := range sums[u] {
			sums[u][s] = 0
		}
	}
	for r := range t.rows {
		for s := 0; s < ledger.Scenarios; s++ {
			pnl := api.Mul(net[r], t.rows[r].Pnl[s])
			for u := range sums {
				sums[u][s] = api.MulAcc(sums[u][s], t.under[r][u], pnl)
			}
		}
	}
	for u := range sums {
		total = api.Add(total, worstLoss(api, sums[u]))
	}
	return total
}

// worstLoss is max(0, max over s of weighted(-sums[s])), as ledger.WorstLoss.
func worstLoss(api frontend.API, sums [ledger.Scenarios]frontend.Variable) frontend.Variable {
	var weighted [ledger.Scenarios]frontend.Variable
	for s := range sums {
		loss := api.Neg(sums[s])
		if w := ledger.ScenarioWeightsPpm[s]; w != gadget.Ppm {
			loss = gadget.DivCeilWide(api, api.Mul(loss, w), gadget.Ppm, 20, portfolioBits)
		}
		weighted[s] = loss
	}
	out, err := api.NewHint(worstLossHint, 1, weighted[:]...)
	if err != nil {
		panic(err)
	}
	worst := out[0]
	gadget.Range(api, worst, portfolioBits)
	var product frontend.Variable = worst // zero iff worst is 0 or one of the weighted losses
	for s := range weighted {
		d := api.Sub(worst, weighted[s])
		gadget.Range(api, d, portfolioBits+1)
		product = api.Mul(product, d)
	}
	api.AssertIsEqual(product, 0)
	return worst
}

// portfolioInitial is ceil(maintenance * 1.25).
func portfolioInitial(api frontend.API, maintenance frontend.Variable) frontend.Variable {
	return gadget.DivCeilWide(api, api.Mul(maintenance, ledger.PortfolioInitialFactorPpm), gadget.Ppm, 20,
		portfolioBits)
}

// worstLossHint returns max(0, max of the inputs read as signed integers).
func worstLossHint(mod *big.Int, in, out []*big.Int) error {
	half := new(big.Int).Rsh(mod, 1)
	worst := new(big.Int)
	for _, x := range in {
		v := new(big.Int).Set(x)
		if v.Cmp(half) > 0 {
			v.Sub(v, mod)
		}
		if v.Cmp(worst) > 0 {
			worst = v
		}
	}
	out[0].Set(worst)
	return nil
}

// WorstLossHintID names the worst-scenario hint (tests replace it with a lying one).
func WorstLossHintID() solver.HintID { return solver.GetHintID(worstLossHint) }

// PortfolioSlot is a position slot of PortfolioCircuit: the risk row of its market and its size.
type PortfolioSlot struct {
	Used, Row, Size frontend.Variable
}

// PortfolioAccount is an account of PortfolioCircuit: its equity and position slots.
type PortfolioAccount struct {
	Equity frontend.Variable
	Slots  [ledger.PositionSlots]PortfolioSlot
}

// PortfolioCircuit proves that accounts in portfolio mode meet the portfolio rule at a batch's
// committed risk arrays: each one's equity >= the initial requirement of its positions, the arrays
// being the ones the public commitment binds. It is the check the settlement circuit's end checks
// are to run for an account whose mode bit is set (not wired in yet, docs/settlement.md), compiled
// on its own to measure and attack it.
type PortfolioCircuit struct {
	Commitment frontend.Variable `gnark:",public"`
	Rows       []RiskRow
	Accounts   []PortfolioAccount
}

// NewPortfolioCircuit is the circuit with room for rows risk rows and accounts accounts.
func NewPortfolioCircuit(rows, accounts int) *PortfolioCircuit {
	return &PortfolioCircuit{Rows: make([]RiskRow, rows), Accounts: make([]PortfolioAccount, accounts)}
}

// Define implements frontend.Circuit.
func (c *PortfolioCircuit) Define(api frontend.API) error {
	t, commitment := loadRiskTable(api, gadget.NewHasher(api), c.Rows)
	assertCommitted(api, commitment, c.Commitment)
	for i := range c.Accounts {
		a := &c.Accounts[i]
		slots := loadPortfolioSlots(api, a.Slots[:], len(c.Rows))
		gadget.Range(api, api.Add(a.Equity, gadget.Pow2(70)), 71)
		assertCovers(api, 1, a.Equity, portfolioInitial(api, portfolioMaintenance(api, t, slots)))
	}
	return nil
}

// loadPortfolioSlots range-checks the slots (a size signed 64-bit, 0 in an unused slot) and
// selects each one's risk row.
func loadPortfolioSlots(api frontend.API, in []PortfolioSlot, rows int) []portfolioSlot {
	slots := make([]portfolioSlot, len(in))
	for p := range in {
		s := &in[p]
		api.AssertIsBoolean(s.Used)
		gadget.Implies(api, gadget.Not(api, s.Used), s.Size)
		bits := gadget.Signed(api, s.Size)
		slots[p] = portfolioSlot{sel: gadget.OneHot(api, s.Row, s.Used, rows), size: s.Size, nonNegative: bits[63]}
	}
	return slots
}

// assertCommitted asserts that the arrays read are the ones the public element commits to.
func assertCommitted(api frontend.API, commitment, public frontend.Variable) {
	api.AssertIsEqual(commitment, public)
}

// assertCovers asserts gate = 0 or equity >= requirement (|equity| < 2^70).
func assertCovers(api frontend.API, gate, equity, requirement frontend.Variable) {
	gadget.AssertNonNegative(api, gate, api.Sub(equity, requirement), portfolioBits+1)
}

// AssignPortfolio fills a PortfolioCircuit of capacity rows and one account with the risk rows (in
// table order), the account's holdings and its equity; it refuses a holding without a row and more holdings than
// slots.
func AssignPortfolio(capacity int, rows []ledger.RiskRow, holdings []ledger.Holding, equity *big.Int) (*PortfolioCircuit, error) {
	if len(rows) > capacity || len(holdings) > ledger.PositionSlots {
		return nil, fmt.Errorf("portfolio: %d rows for %d, %d holdings", len(rows), capacity, len(holdings))
	}
	commitment, err := ledger.RiskCommitment(rows, capacity)
	if err != nil {
		return nil, err
	}
	c := NewPortfolioCircuit(capacity, 1)
	a := &c.Accounts[0]
	c.Commitment, a.Equity = fe(commitment), equity
	padded := append(append([]ledger.RiskRow{}, rows...), make([]ledger.RiskRow, capacity-len(rows))...)
	rowOf := func(market int64) int {
		for i := range rows {
			if rows[i].Market == market {
				return i
			}
		}
		return -1
	}
	for i, r := range padded {
		row := RiskRow{Market: r.Market, Underlying: r.Underlying, RangePpm: r.RangePpm,
			ShortMinimum: r.ShortMinimum, UnderlyingRow: i}
		if i < len(rows) {
			if row.UnderlyingRow = rowOf(r.Underlying); row.UnderlyingRow == -1 {
				return nil, fmt.Errorf("portfolio: row %d's underlying %d has no row", r.Market, r.Underlying)
			}
		}
		for s := range r.Pnl {
			row.Pnl[s] = r.Pnl[s]
		}
		c.Rows[i] = row
	}
	for p := range a.Slots {
		a.Slots[p] = PortfolioSlot{Used: 0, Row: 0, Size: 0}
		if p < len(holdings) {
			k := rowOf(holdings[p].Market)
			if k == -1 {
				return nil, fmt.Errorf("portfolio: no risk row for market %d", holdings[p].Market)
			}
			a.Slots[p] = PortfolioSlot{Used: 1, Row: k, Size: holdings[p].Size}
		}
	}
	return c, nil
}

// loadRisk loads the batch's risk table (Caps.Portfolio) and binds each row to its market row:
// a used row's market id, its underlying (the option's terms' for an option row, the market
// itself for a perpetual), no short minimum for a perpetual, no range for an option; an unused row
// is all zero. The commitment is published as the public data's last element, each row's range in
// its market element (bindPublicData, lane ledger.RangeShift).
func (b *batch) loadRisk() {
	if len(b.c.Risk) == 0 {
		return
	}
	api := b.api
	t, commitment := loadRiskTable(api, b.h, b.c.Risk)
	b.risk, b.riskCommitment = &t, commitment
	for j, r := range b.marketRows {
		k := &b.c.Risk[j]
		used, option := r.m.Used, r.option
		underlying := api.Select(option, b.c.Options[j].Underlying, r.m.ID)
		unused := gadget.Not(api, used)
		for _, v := range []frontend.Variable{api.Sub(k.Market, r.m.ID), api.Sub(k.Underlying, underlying)} {
			api.AssertIsEqual(v, 0) // an unused row's market id is 0, and so its underlying
		}
		gadget.Implies(api, api.Sub(1, option), k.ShortMinimum)
		gadget.Implies(api, option, k.RangePpm) // an option's range is its underlying row's, published there
		gadget.Implies(api, unused, k.RangePpm)
		gadget.Implies(api, unused, k.ShortMinimum)
		for s := range k.Pnl {
			gadget.Implies(api, unused, k.Pnl[s])
		}
	}
}

// assertMode asserts the account's mode: 0 or 1 with portfolio margin, else 0 (cross margin).
func (b *batch) assertMode(mode frontend.Variable) {
	if b.risk == nil {
		b.api.AssertIsEqual(mode, 0)
		return
	}
	b.api.AssertIsBoolean(mode)
}

// freshMode asserts that an account the batch creates starts in cross mode (no leaf binds a mode
// it was given); without portfolio margin every mode is 0 already.
func (b *batch) freshMode(mode, fresh frontend.Variable) {
	if b.risk != nil {
		gadget.Implies(b.api, fresh, mode)
	}
}

// modeLane is the account word's mode lane (2^128 mode) with portfolio margin; none without, where
// the mode is 0 (the words and constraints of those circuits are unchanged).
func (b *batch) modeLane(mode frontend.Variable) []lane {
	if b.risk == nil {
		return nil
	}
	return []lane{{mode, 128}}
}

// modeRequirement is the requirement of the account row rows selects (one-hot, or all zero) under
// its margin mode: cross (the figure given), or for a portfolio account the portfolio maintenance
// (maintenance = 1) or initial requirement of its positions as cells decodes them now, at the
// batch's committed risk rows (liquidation steps and forced requests).
func (b *batch) modeRequirement(rows []frontend.Variable, cells [ledger.PositionSlots]cellParts,
	maintenance, cross frontend.Variable) frontend.Variable {
	api := b.api
	nm := len(b.marketRows)
	var mode frontend.Variable = 0
	for a, r := range b.accountRows {
		mode = api.MulAcc(mode, rows[a], r.mode)
	}
	slots := make([]portfolioSlot, len(cells))
	for p := range cells {
		sel := make([]frontend.Variable, nm)
		for m := range sel {
			sel[m] = 0
			for a, r := range b.accountRows {
				sel[m] = api.MulAcc(sel[m], rows[a], r.slotSel[p][m])
			}
		}
		slots[p] = portfolioSlot{sel: sel, size: cells[p].size, nonNegative: cells[p].nonNegative}
	}
	m := portfolioMaintenance(api, *b.risk, slots)
	portfolio := api.Add(m, api.Mul(gadget.Not(api, maintenance), api.Sub(portfolioInitial(api, m), m)))
	return api.Select(mode, portfolio, cross)
}

// marginBits bounds |equity - requirement| in the sweep's margin comparisons: a portfolio
// requirement reaches 2^137 (portfolioBits), a cross one stays below 2^72.
func (b *batch) marginBits() int {
	if b.risk == nil {
		return 72
	}
	return portfolioBits + 1
}

// portfolioRequirement is the portfolio initial requirement of the account row's positions as
// endChecks decoded them.
func (b *batch) portfolioRequirement(r *accountRow) frontend.Variable {
	nm := len(b.marketRows)
	slots := make([]portfolioSlot, len(r.checked))
	for p, c := range r.checked {
		slots[p] = portfolioSlot{sel: r.slotSel[p][:nm], size: c.size, nonNegative: c.nonNegative}
	}
	return portfolioInitial(b.api, portfolioMaintenance(b.api, *b.risk, slots))
}

// assignRisk fills the risk table from the witness: each row's underlying row is the option's
// (the ledger's UnderlyingRow) or the row itself.
func assignRisk(c *Circuit, w *ledger.Witness) {
	for j := range c.Risk {
		var r ledger.RiskRow
		if j < len(w.Risk) {
			r = w.Risk[j]
		}
		row := RiskRow{Market: r.Market, Underlying: r.Underlying, RangePpm: r.RangePpm,
			ShortMinimum: r.ShortMinimum, UnderlyingRow: j}
		if j < len(w.Markets) && w.Markets[j].Market.Option != nil {
			row.UnderlyingRow = w.Markets[j].UnderlyingRow
		}
		for s := range r.Pnl {
			row.Pnl[s] = r.Pnl[s]
		}
		c.Risk[j] = row
	}
}
