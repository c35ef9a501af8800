package ledger

import (
	"math/big"
)

// stepCount is the number of liquidation steps a batch's sweep takes: per liquidation one start,
// its closes, its takeovers or a cover and its ADL fills, and an end step when its last event is
// a close (otherwise the last step carries the end); then one per unwind fill.
func stepCount(b Batch) int {
	n := len(b.Unwinds)
	for _, l := range b.Liquidations {
		n += 1 + len(l.Closes) + len(l.Takeovers)
		if l.Adl != nil {
			n += 1 + len(l.Adl.Fills)
		}
		if endsWithEndStep(l) {
			n++
		}
	}
	return n
}

// endsWithEndStep: the liquidation's end is a step of its own when its last step would be a close
// or a cover; otherwise the last step (a start, takeover or ADL fill) carries it.
func endsWithEndStep(l Liquidation) bool {
	if l.Adl != nil {
		return len(l.Adl.Fills) == 0
	}
	return len(l.Takeovers) == 0 && len(l.Closes) > 0
}

// sweeper applies the liquidation steps (docs/settlement.md, "Liquidations"): the sequencer's
// liquidation of each account in turn, then the fund's unwinding fills. It records each step's
// row and public element and reports every rule a step breaks. The steps of a Liquidation come in
// the sequencer's order by construction; the circuit checks the order of a witness's steps.
type sweeper struct {
	a      *applier
	cur    *accountState // the account under liquidation; nil between liquidations
	curRow int
	branch int      // 0 undecided, StepTakeover or StepCover (auto-deleveraging)
	debt   *big.Int // ADL: the deficit the first market's price absorbs
	group  adlGroup
	extra  []stepExtra
}

// adlGroup is the ADL fills of one market: its price and the last counterparty's rank.
type adlGroup struct {
	active bool
	row    int
	price  int64
	key    *big.Int // score * 2^24 + (2^24 - 1 - index): strictly decreasing along a group
	fund   bool     // the fund came (it comes last)
}

// stepExtra is what a step publishes besides its row: an ADL fill's market id and rank score.
type stepExtra struct{ market, score int64 }

func (a *applier) sweep() error {
	if stepCount(a.b) == 0 {
		return nil
	}
	a.sweeping = true
	s := &sweeper{a: a, debt: new(big.Int)}
	for _, l := range a.b.Liquidations {
		s.liquidation(l)
	}
	for _, c := range a.b.Unwinds {
		s.close(c, StepUnwind)
	}
	for i, r := range a.w.Steps {
		x := s.extra[i]
		a.stepData = append(a.stepData, StepElement(r.Kind, r.End, x.market, r.Price, x.score, r.Uncovered))
	}
	return nil
}

func (s *sweeper) emit(r LiquidationRow, x stepExtra) {
	s.a.w.Steps = append(s.a.w.Steps, r)
	s.extra = append(s.extra, x)
}

func (s *sweeper) liquidation(l Liquidation) {
	s.start(l.Account)
	for _, c := range l.Closes {
		s.close(c, StepClose)
	}
	for _, t := range l.Takeovers {
		s.takeover(t)
	}
	if l.Adl != nil {
		s.cover(l.Adl.Covered)
		for _, f := range l.Adl.Fills {
			s.adl(f)
		}
	}
	if endsWithEndStep(l) {
		s.emit(LiquidationRow{Kind: StepEnd, AccountRow: s.curRow}, stepExtra{})
	}
	s.end(l)
}

func (s *sweeper) fund() *accountState { return s.a.accounts[s.a.fundRow] }

// start: the account's equity is below its maintenance requirement at the batch's marks (the
// portfolio one at its risk rows for a portfolio account), each of them valid; its funding is settled.
func (s *sweeper) start(account int64) {
	a := s.a
	row := a.accountRow[account]
	st := a.accounts[row]
	if account == FundAccount {
		a.violate("liquidation-account", "the fund cannot be liquidated")
	}
	for p, size := range st.sizes {
		if size != 0 && !a.markets[st.slotMarket[p]].valid {
			a.violate("liquidation-mark", "account %d holds a position in market %d without a valid mark",
				account, a.markets[st.slotMarket[p]].m.ID)
		}
	}
	a.settleAll(st)
	equity, required := a.equity(st), a.maintenanceRequirement(st)
	if equity.Cmp(required) >= 0 {
		a.violate("liquidation-margin", "account %d: equity %s not below the maintenance requirement %s",
			account, equity, required)
	}
	s.cur, s.curRow, s.branch, s.group = st, row, 0, adlGroup{}
	s.emit(LiquidationRow{Kind: StepLiquidate, AccountRow: row}, stepExtra{})
}

// close fills the unsigned side (the liquidated account, or the fund for an unwind) against a
// resting signed order: a pure reduction at a price within the band mark -/+ floor(mark * mmr /
// 10^6) and the maker's limit, with the trade rules for price, quantity and fees; a maker whose
// fill adds risk meets the margin rule after it.
func (s *sweeper) close(c Close, kind int) {
	a := s.a
	unsigned, row := s.cur, s.curRow
	if kind == StepUnwind {
		unsigned, row = s.fund(), a.fundRow
	}
	mr := a.marketRow[c.Maker.Market]
	ms := a.markets[mr]
	p := ms.m.Params
	slot := unsigned.slotOf(mr)
	makerRow := a.accountRow[c.Maker.Account]
	maker := a.accounts[makerRow]
	makerSlot := maker.slotOf(mr)
	buy := unsigned.sizes[slot] < 0
	if makerRow == row || (c.Maker.Side == 1) != buy {
		a.violate("close-side", "maker order %d of account %d", c.Maker.ClientOrderID, c.Maker.Account)
	}
	if !ms.valid {
		a.violate("mark-invalid", "market %d has no valid mark for a close", ms.m.ID)
	}
	if !withinBand(ms.m.Mark, p.MaintenanceMarginPpm, c.Price, buy) {
		a.violate("close-band", "price %d outside the band around the mark %d", c.Price, ms.m.Mark)
	}
	if c.Maker.Side == 0 && c.Price > c.Maker.Price || c.Maker.Side == 1 && c.Price < c.Maker.Price {
		a.violate("trade-limit", "price %d beyond the maker's limit %d", c.Price, c.Maker.Price)
	}
	a.checkFill(ms, c.Quantity, c.Price, c.MakerFee, c.TakerFee)
	closing := a.leg(unsigned, slot, ms, buy, c.Quantity, c.Price, c.TakerFee)
	if !closing.Pure {
		a.violate("liquidation-reduce", "account %d's fill does not only reduce its position", unsigned.index)
	}
	f := a.leg(maker, makerSlot, ms, !buy, c.Quantity, c.Price, c.MakerFee)
	if c.Maker.ReduceOnly != 0 && !f.Pure {
		a.violate("reduce-only", "order %d of account %d grows its position", c.Maker.ClientOrderID, c.Maker.Account)
	}
	if !f.Pure {
		equity, required := a.equity(maker), a.initialRequirement(maker)
		if equity.Cmp(required) < 0 {
			a.violate("margin", "maker %d: equity %s below the initial requirement %s", maker.index, equity, required)
		}
	}
	s.emit(LiquidationRow{Kind: kind, AccountRow: row, Slot: slot, OtherRow: makerRow, OtherSlot: makerSlot,
		Order: a.orderRowOf(c.Maker), Quantity: c.Quantity, Price: c.Price, MakerFee: c.MakerFee,
		TakerFee: c.TakerFee}, stepExtra{})
}

// withinBand: a closing buy pays at most mark + band, a closing sell gets at least mark - band,
// band = floor(mark * maintenanceMarginPpm / 10^6) (the sequencer rounds its limit to a tick toward
// the mark, which a price on the tick grid meets exactly when it meets this).
func withinBand(mark, mmr, price int64, buy bool) bool {
	band := new(big.Int).Mul(big.NewInt(mark), big.NewInt(mmr))
	band.Div(band, ppm)
	gap := new(big.Int).Sub(big.NewInt(price), big.NewInt(mark))
	if !buy {
		gap.Neg(gap)
	}
	return gap.Cmp(band) <= 0
}

// checkFill applies the trade rules on price, quantity and fees to a fill with a signed maker.
func (a *applier) checkFill(ms *marketState, q, price, makerFee, takerFee int64) {
	p := ms.m.Params
	if price < 1 || price > p.MaxPrice || price%p.TickSize != 0 {
		a.violate("trade-price", "price %d (tick %d, max %d)", price, p.TickSize, p.MaxPrice)
	}
	if q < 1 || q%p.LotSize != 0 {
		a.violate("trade-quantity", "quantity %d (lot %d)", q, p.LotSize)
	}
	makerMax, takerMax := MaxFee(q, price, p.MakerFeePpm), MaxFee(q, price, p.TakerFeePpm)
	if big.NewInt(makerFee).Cmp(makerMax) > 0 || big.NewInt(takerFee).Cmp(takerMax) > 0 || makerFee+takerFee < 0 {
		a.violate("trade-fee", "fees %d/%d, at most %s/%s, sum at least 0", makerFee, takerFee, makerMax, takerMax)
	}
	a.fees.Add(a.fees, big.NewInt(makerFee))
	a.fees.Add(a.fees, big.NewInt(takerFee))
}

// takeover: the fund takes the account's whole position at the mark, within maxPosition. The
// first takeover decides the branch: the fund must be able to pay the deficit, equity + max(0,
// fund collateral) >= 0.
func (s *sweeper) takeover(t Takeover) {
	a := s.a
	st, fund := s.cur, s.fund()
	mr := a.marketRow[t.Market]
	ms := a.markets[mr]
	slot, fundSlot := st.slotOf(mr), fund.slotOf(mr)
	size := st.sizes[slot]
	if t.Price != ms.m.Mark {
		a.violate("takeover-price", "price %d, mark %d", t.Price, ms.m.Mark)
	}
	if t.Quantity != abs(size) {
		a.violate("takeover-quantity", "quantity %d of a position of %d", t.Quantity, size)
	}
	if s.branch == 0 {
		if new(big.Int).Add(a.equity(st), positive(fund.collateral)).Sign() < 0 {
			a.violate("takeover-allowed", "account %d's deficit exceeds the fund's collateral %s", st.index,
				fund.collateral)
		}
		s.branch = StepTakeover
	}
	if !a.leg(st, slot, ms, size < 0, t.Quantity, t.Price, 0).Pure {
		a.violate("liquidation-reduce", "account %d's takeover does not only reduce its position", st.index)
	}
	a.leg(fund, fundSlot, ms, size >= 0, t.Quantity, t.Price, 0)
	s.emit(LiquidationRow{Kind: StepTakeover, AccountRow: s.curRow, Slot: slot, OtherRow: a.fundRow,
		OtherSlot: fundSlot, Quantity: t.Quantity, Price: t.Price}, stepExtra{})
}

// cover starts auto-deleveraging, which is allowed only when the fund cannot take over: the fund
// pays min(max(0, its collateral), max(0, -equity)) first, and the rest of a negative equity is
// the deficit the first ADL market's price absorbs.
func (s *sweeper) cover(covered int64) {
	a := s.a
	st, fund := s.cur, s.fund()
	if s.branch != 0 {
		a.violate("liquidation-sequence", "account %d is deleveraged after takeovers", st.index)
	}
	if flat(st) {
		a.violate("liquidation-sequence", "a cover for account %d, which holds no position", st.index)
	}
	equity, collateral := a.equity(st), new(big.Int).Set(fund.collateral)
	r := LiquidationRow{Kind: StepCover, AccountRow: s.curRow, Covered: covered}
	if !s.cannotTakeOver(&r, equity, collateral) {
		a.violate("adl-allowed", "the fund can take over account %d", st.index)
	}
	expected := minInt(positive(collateral), positive(new(big.Int).Neg(equity)))
	if big.NewInt(covered).Cmp(expected) != 0 {
		a.violate("adl-cover", "the fund paid %d of the deficit, it can pay %s", covered, expected)
	}
	st.collateral.Add(st.collateral, big.NewInt(covered))
	fund.collateral.Sub(fund.collateral, big.NewInt(covered))
	s.debt = positive(new(big.Int).Neg(equity.Add(equity, big.NewInt(covered))))
	s.branch = StepCover
	s.emit(r, stepExtra{})
}

// cannotTakeOver finds why the fund cannot take the account over, in this order: it cannot pay
// the deficit; else the first of the account's positions (by slot) whose market the fund cannot
// hold, because its position there would pass maxPosition or because it has no slot for it.
func (s *sweeper) cannotTakeOver(r *LiquidationRow, equity, fundCollateral *big.Int) bool {
	a, st, fund := s.a, s.cur, s.fund()
	if new(big.Int).Add(equity, positive(fundCollateral)).Sign() < 0 {
		r.Hold = HoldDeficit
		return true
	}
	for p, size := range st.sizes {
		if size == 0 {
			continue
		}
		mr := st.slotMarket[p]
		held := false
		for f, fr := range fund.slotMarket {
			if fr != mr {
				continue
			}
			held = true
			if abs(fund.sizes[f]+size) > a.markets[mr].m.Params.MaxPosition {
				r.Hold, r.HoldSlot, r.HoldFundSlot = HoldBound, p, f
				return true
			}
		}
		if !held && !contains(fund.slotMarket[:], NoRow) {
			r.Hold, r.HoldSlot = HoldSlots, p
			return true
		}
	}
	return false
}

// adl closes part of the account's position against a counterparty's opposite position: a pure
// reduction of both that closes one of them; markets in ascending order, the first at the price
// that absorbs the deficit (capped to [1, maxPrice]), the others at the mark; within a market the
// counterparties by decreasing score (position value at the mark minus funding owed), then
// ascending index, the fund last.
func (s *sweeper) adl(f AdlFill) {
	a := s.a
	st := s.cur
	mr := a.marketRow[f.Market]
	ms := a.markets[mr]
	cpRow := a.accountRow[f.Counterparty]
	cp := a.accounts[cpRow]
	slot, cpSlot := st.slotOf(mr), cp.slotOf(mr)
	size := st.sizes[slot]
	if cp == st {
		a.violate("adl-counterparty", "account %d deleveraged against itself", st.index)
	}
	first := !s.group.active || s.group.row != mr
	if first {
		s.startGroup(mr, size)
	}
	if f.Price != s.group.price {
		a.violate("adl-price", "price %d, the rule gives %d", f.Price, s.group.price)
	}
	score := a.value(cp, cpSlot)
	key := rankKey(score, cp.index)
	if !first && (s.group.fund || cp.index != FundAccount && key.Cmp(s.group.key) >= 0) {
		a.violate("adl-rank", "counterparty %d after a higher-ranked one", cp.index)
	}
	s.group.key, s.group.fund = key, cp.index == FundAccount
	closing := a.leg(st, slot, ms, size < 0, f.Quantity, f.Price, 0)
	if !closing.Pure {
		a.violate("liquidation-reduce", "account %d's ADL fill does not only reduce its position", st.index)
	}
	other := a.leg(cp, cpSlot, ms, size >= 0, f.Quantity, f.Price, 0)
	if !other.Pure {
		a.violate("adl-counterparty", "counterparty %d holds no opposite position of %d", cp.index, f.Quantity)
	}
	if closing.Size.Sign() != 0 && other.Size.Sign() != 0 {
		a.violate("adl-quantity", "quantity %d closes neither side", f.Quantity)
	}
	s.emit(LiquidationRow{Kind: StepAdl, AccountRow: s.curRow, Slot: slot, OtherRow: cpRow, OtherSlot: cpSlot,
		Quantity: f.Quantity, Price: f.Price, First: first}, stepExtra{market: ms.m.ID, score: a.int64Of("score", score)})
}

// startGroup opens a market's ADL fills: markets go in ascending order and the first one's price
// absorbs the deficit.
func (s *sweeper) startGroup(mr int, size int64) {
	a := s.a
	// Markets strictly ascend; the account must end flat, so the first is the lowest it holds.
	if s.group.active && mr <= s.group.row {
		a.violate("adl-order", "market row %d after %d", mr, s.group.row)
	}
	ms := a.markets[mr]
	shift := new(big.Int)
	if size != 0 {
		shift = CeilDiv(s.debt, big.NewInt(abs(size)))
	}
	price := new(big.Int)
	if size > 0 {
		price = minInt(price.Add(big.NewInt(ms.m.Mark), shift), big.NewInt(ms.m.Params.MaxPrice))
	} else {
		price.Sub(big.NewInt(ms.m.Mark), shift)
		if price.Cmp(big.NewInt(1)) < 0 {
			price.SetInt64(1)
		}
	}
	s.debt = new(big.Int)
	s.group = adlGroup{active: true, row: mr, price: price.Int64()}
}

// rankKey orders counterparties: score * 2^24 + (2^24 - 1 - index) decreases along a market's fills.
func rankKey(score *big.Int, index int64) *big.Int {
	k := new(big.Int).Lsh(score, AccountDepth)
	return k.Add(k, big.NewInt(1<<AccountDepth-1-index))
}

// end closes the liquidation: the account is flat; after a takeover its positive collateral goes
// to the fund; a negative one the fund pays as far as it can; the rest is the uncovered deficit.
func (s *sweeper) end(l Liquidation) {
	a := s.a
	st, fund := s.cur, s.fund()
	if !flat(st) {
		a.violate("liquidation-flat", "account %d still holds a position", st.index)
	}
	collateral := new(big.Int).Set(st.collateral)
	surplus := new(big.Int)
	if s.branch == StepTakeover {
		surplus = positive(collateral)
	}
	if big.NewInt(l.Surplus).Cmp(surplus) != 0 {
		a.violate("insurance-surplus", "surplus %d, the rule gives %s", l.Surplus, surplus)
	}
	collateral.Sub(collateral, big.NewInt(l.Surplus))
	cover := minInt(positive(new(big.Int).Add(fund.collateral, big.NewInt(l.Surplus))),
		positive(new(big.Int).Neg(collateral)))
	if big.NewInt(l.Covered).Cmp(cover) != 0 {
		a.violate("deficit-cover", "the fund paid %d, it can pay %s", l.Covered, cover)
	}
	uncovered := positive(new(big.Int).Neg(collateral.Add(collateral, big.NewInt(l.Covered))))
	if big.NewInt(l.Uncovered).Cmp(uncovered) != 0 {
		a.violate("uncovered-deficit", "uncovered deficit %d reported, %s left", l.Uncovered, uncovered)
	}
	net := big.NewInt(l.Covered - l.Surplus)
	st.collateral.Add(st.collateral, net)
	fund.collateral.Sub(fund.collateral, net)
	last := &a.w.Steps[len(a.w.Steps)-1]
	last.End, last.Surplus, last.Covered, last.Uncovered = true, l.Surplus, l.Covered, l.Uncovered
	s.cur = nil
}

func flat(st *accountState) bool {
	for _, size := range st.sizes {
		if size != 0 {
			return false
		}
	}
	return true
}

func positive(x *big.Int) *big.Int {
	if x.Sign() < 0 {
		return new(big.Int)
	}
	return new(big.Int).Set(x)
}

func minInt(x, y *big.Int) *big.Int {
	if x.Cmp(y) <= 0 {
		return x
	}
	return y
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
