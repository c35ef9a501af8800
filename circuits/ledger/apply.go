package ledger

import (
	"fmt"
	"math/big"
	"sort"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/layout"
)

// Apply applies a batch to the state and returns the witness of the batch circuit and the rules
// the batch breaks (none for a batch the sequencer sealed). A batch that breaks rules is applied
// all the same: its witness is what a cheating operator would hand the circuit, which must then
// fail. An error means the batch does not fit the capacities or names what does not exist; the
// state must then be discarded.
func (s *State) Apply(b Batch, caps Capacities) (*Witness, []Violation, error) {
	a := &applier{s: s, b: b, caps: caps, w: &Witness{Caps: caps}, marketRow: map[int64]int{},
		accountRow: map[int64]int{}}
	if err := a.run(); err != nil {
		return nil, nil, err
	}
	return a.w, a.violations, nil
}

type applier struct {
	s          *State
	b          Batch
	caps       Capacities
	w          *Witness
	violations []Violation

	markets    []*marketState
	marketRow  map[int64]int
	accounts   []*accountState
	accountRow map[int64]int
	orderRow   map[orderKey]int
	fees       *big.Int
	funding    *big.Int
	fundRow    int // the fund's account row (0) when the batch has liquidation steps, else NoRow
	sweeping   bool
	stepData   []fr.Element
	ownerRows  [][OwnerRowLen]fr.Element // with the owner-data section: each account row's, as stored
}

type marketState struct {
	m      Market // evolves through the batch
	valid  bool   // mark valid at the batch time
	ticked bool
	rate   int64
	vol    int64 // an option row's committed volatility
}

type accountState struct {
	index       int64
	a           Account // evolves through the batch
	exists      bool
	collateral  *big.Int
	sizes       [PositionSlots]int64
	costs       [PositionSlots]int64
	slotMarket  [PositionSlots]int
	owed        [PositionSlots]*big.Int // funding owed at load, at the post-tick index
	settled     [PositionSlots]bool     // owed moved to the funding pool (first fill, withdrawal, liquidation)
	withdrew    bool
	needsMargin bool
	credited    bool
}

type orderKey struct {
	order     Order
	signature string
}

func (a *applier) violate(rule, format string, args ...any) {
	a.violations = append(a.violations, Violation{Rule: rule, Detail: fmt.Sprintf(format, args...)})
}

func (a *applier) run() error {
	if err := a.checkCapacities(); err != nil {
		return err
	}
	a.header()
	if err := a.loadMarkets(); err != nil {
		return err
	}
	if err := a.fundingTicks(); err != nil {
		return err
	}
	if err := a.oraclePrices(); err != nil {
		return err
	}
	a.marks()
	if err := a.optionMarks(); err != nil {
		return err
	}
	if err := a.riskRows(); err != nil {
		return err
	}
	if err := a.loadAccounts(); err != nil {
		return err
	}
	a.owedFunding()
	a.deposits()
	if err := a.orders(); err != nil {
		return err
	}
	a.trades()
	a.expiries()
	a.withdrawals()
	if err := a.switches(); err != nil {
		return err
	}
	a.portfolioScope()
	a.endChecks()
	if err := a.sweep(); err != nil {
		return err
	}
	a.requests()
	return a.store()
}

func (a *applier) checkCapacities() error {
	b, c := a.b, a.caps
	checks := []struct {
		what      string
		have, max int
	}{{"oracle prices", len(b.Oracles), c.Oracles}, {"deposits", len(b.Deposits), c.Deposits},
		{"trades", len(b.Trades), c.Trades}, {"withdrawals", len(b.Withdrawals), c.Withdrawals},
		{"liquidation steps", stepCount(b), c.Steps}, {"forced withdrawal requests", len(b.Requests), c.Requests},
		{"expiry steps", len(b.Expiries), c.Expiries}, {"margin-mode switches", len(b.Switches), c.Switches}}
	for _, ch := range checks {
		if ch.have > ch.max {
			return fmt.Errorf("%d %s exceed the capacity %d", ch.have, ch.what, ch.max)
		}
	}
	if c.Expiries > 0 && !c.Options {
		return fmt.Errorf("expiry steps need option rows")
	}
	if c.Switches > 0 && !c.Portfolio {
		return fmt.Errorf("margin-mode switches need portfolio margin")
	}
	if err := c.CheckBlobs(); err != nil {
		return err
	}
	if c.Deposits > 248 {
		return fmt.Errorf("deposit capacity %d above 248 (the refund bits fill one element)", c.Deposits)
	}
	if c.OwnerData {
		if err := CheckEphemeral(b.Ephemeral); err != nil {
			return fmt.Errorf("owner data: %w", err)
		}
		a.w.Ephemeral = b.Ephemeral
	}
	return nil
}

func (a *applier) header() {
	s, b := a.s, a.b
	a.w.Header = Header{ChainID: s.Domain.ChainID, Contract: s.Domain.Contract, BatchNumber: b.Number,
		BatchTime: b.Time, AccountsRoot: s.AccountsRoot(), MarketsRoot: s.MarketsRoot(), FeePool: s.FeePool,
		FundingPool: s.FundingPool, Time: s.Time, DepositCount: s.DepositCount, Deposits: int64(len(b.Deposits))}
	a.w.OldRoot = s.Root()
	if b.Time < s.Time {
		a.violate("batch-time", "batch time %d before the previous batch's %d", b.Time, s.Time)
	}
	a.fees = big.NewInt(s.FeePool)
	a.funding = big.NewInt(s.FundingPool)
}

// touchedAccounts are the accounts the batch changes or reads: credited deposits, orders,
// withdrawals, liquidations, and the accounts forced requests name (even one that does not exist:
// its row shows it has no key, so the request is served by paying 0).
func (a *applier) touchedAccounts() []int64 {
	set := map[int64]bool{}
	for _, d := range a.b.Deposits {
		if !d.Refund {
			set[d.Account] = true
		}
	}
	for _, t := range a.b.Trades {
		set[t.Maker.Account] = true
		set[t.Taker.Account] = true
	}
	for _, w := range a.b.Withdrawals {
		set[w.Account] = true
	}
	for _, l := range a.b.Liquidations {
		set[l.Account] = true
		for _, c := range l.Closes {
			set[c.Maker.Account] = true
		}
		if l.Adl != nil {
			for _, f := range l.Adl.Fills {
				set[f.Counterparty] = true
			}
		}
	}
	for _, c := range a.b.Unwinds {
		set[c.Maker.Account] = true
	}
	if len(a.b.Liquidations) > 0 || len(a.b.Unwinds) > 0 {
		set[FundAccount] = true
	}
	for _, r := range a.b.Requests {
		set[r.Account] = true
	}
	for _, e := range a.b.Expiries {
		set[e.Account] = true
	}
	for _, s := range a.b.Switches {
		set[s.Account] = true
	}
	return sortedKeys(set)
}

// closes lists the batch's close-into-book and unwind fills in step order.
func (a *applier) closes() []Close {
	var out []Close
	for _, l := range a.b.Liquidations {
		out = append(out, l.Closes...)
	}
	return append(out, a.b.Unwinds...)
}

func sortedKeys(set map[int64]bool) []int64 {
	out := make([]int64, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// loadMarkets makes the market table: every market the batch ticks, prices or trades, and every
// market in which a touched account holds a position, ascending by id.
func (a *applier) loadMarkets() error {
	set := map[int64]bool{}
	for _, f := range a.b.Funding {
		set[f.Market] = true
	}
	for _, o := range a.b.Oracles {
		set[o.Market] = true
	}
	for _, t := range a.b.Trades {
		set[t.Maker.Market] = true
		set[t.Taker.Market] = true
	}
	for _, c := range a.closes() {
		set[c.Maker.Market] = true
	}
	for _, i := range a.touchedAccounts() {
		if acc, ok := a.s.accounts[i]; ok {
			for _, p := range acc.Slots {
				if p.Size != 0 {
					set[p.Market] = true
				}
			}
		}
	}
	a.underlyingsOf(set)
	ids := sortedKeys(set)
	if len(ids) > a.caps.Markets {
		return fmt.Errorf("%d markets exceed the capacity %d", len(ids), a.caps.Markets)
	}
	for i, id := range ids {
		m, ok := a.s.markets[id]
		if !ok {
			return fmt.Errorf("market %d is not listed", id)
		}
		if m.Option != nil && !a.caps.Options {
			return fmt.Errorf("option market %d needs a circuit with option rows", id)
		}
		a.marketRow[id] = i
		a.markets = append(a.markets, &marketState{m: *m})
		a.w.Markets = append(a.w.Markets, MarketRow{Market: *m})
	}
	return nil
}

// fundingTicks apply at the start of the batch: at the previous batch's time, with the mark at
// that time (which must be valid then). A market row has one tick.
func (a *applier) fundingTicks() error {
	for _, f := range a.b.Funding {
		ms := a.markets[a.marketRow[f.Market]]
		if ms.ticked {
			return fmt.Errorf("market %d ticks twice in one batch", f.Market)
		}
		m := &ms.m
		if m.Option != nil {
			a.violate("option-funding", "option market %d has no funding", f.Market)
		}
		mark, valid := MarkAt(m, a.s.Time)
		if !valid {
			a.violate("funding-mark", "market %d has no valid mark", f.Market)
		}
		if f.RatePpm > m.Params.FundingClampPpm || -f.RatePpm > m.Params.FundingClampPpm {
			a.violate("funding-clamp", "rate %d beyond the clamp %d", f.RatePpm, m.Params.FundingClampPpm)
		}
		if m.Funded && a.s.Time-m.LastFundingTime < m.Params.FundingInterval {
			a.violate("funding-interval", "market %d ticked at %d, last at %d, interval %d", f.Market,
				a.s.Time, m.LastFundingTime, m.Params.FundingInterval)
		}
		ms.ticked, ms.rate = true, f.RatePpm
		m.FundingIndex += f.RatePpm * mark
		m.LastFundingTime, m.Funded = a.s.Time, true
		a.w.Markets[a.marketRow[f.Market]].Tick = true
		a.w.Markets[a.marketRow[f.Market]].Rate = f.RatePpm
	}
	return nil
}

// oraclePrices stores each signed record as its source's last: a price of a perpetual, or the
// volatility of an option market (TAG_VOL, within the oracle's range [MinVolPpm, MaxVolPpm]).
func (a *applier) oraclePrices() error {
	for _, o := range a.b.Oracles {
		if o.Source < 0 || o.Source >= OracleSources {
			return fmt.Errorf("oracle source %d out of range", o.Source)
		}
		row := a.marketRow[o.Market]
		m := &a.markets[row].m
		sig, err := ParseSignature(o.Signature)
		if err != nil {
			return fmt.Errorf("oracle price signature: %w", err)
		}
		a.w.Oracles = append(a.w.Oracles, OracleRow{MarketRow: row, Source: o.Source, Price: o.Price,
			PublishTime: o.PublishTime, Signature: sig})
		if !Verify(m.OracleKeys[o.Source], o.Signature, o.PriceMessage.HashFor(m, a.s.Domain)) {
			a.violate("oracle-signature", "market %d source %d", o.Market, o.Source)
		}
		if m.Option != nil && (o.Price < MinVolPpm || o.Price > MaxVolPpm) {
			a.violate("oracle-volatility", "volatility %d outside [%d, %d]", o.Price, MinVolPpm, MaxVolPpm)
		}
		if m.Option == nil && (o.Price < 1 || o.Price > m.Params.MaxPrice) {
			a.violate("oracle-price", "price %d outside [1, %d]", o.Price, m.Params.MaxPrice)
		}
		if o.PublishTime < 0 || o.PublishTime > a.b.Time {
			a.violate("oracle-time", "published at %d, batch time %d", o.PublishTime, a.b.Time)
		}
		last := m.Records[o.Source]
		if last.Price != 0 && o.PublishTime <= last.PublishTime {
			a.violate("oracle-time", "published at %d, not after the source's last record at %d",
				o.PublishTime, last.PublishTime)
		}
		m.Records[o.Source] = Record{Price: o.Price, PublishTime: o.PublishTime}
	}
	return nil
}

func (a *applier) marks() {
	for _, ms := range a.markets {
		ms.m.Mark, ms.valid = MarkAt(&ms.m, a.b.Time)
	}
}

// loadAccounts makes the account table (touched accounts, ascending) and assigns position slots:
// a slot keeps its market while it holds a position; each market an account fills without a slot
// takes, in order of first appearance (the trades, maker before taker, then the liquidation steps,
// the liquidated side before the other), the lowest slot that is empty at the start of the batch
// and not yet assigned.
func (a *applier) loadAccounts() error {
	indices := a.touchedAccounts()
	if len(indices) > a.caps.Accounts {
		return fmt.Errorf("%d accounts exceed the capacity %d", len(indices), a.caps.Accounts)
	}
	for i, index := range indices {
		if index < 0 || index >= 1<<AccountDepth {
			return fmt.Errorf("account %d out of range", index)
		}
		st := &accountState{index: index}
		if acc, ok := a.s.accounts[index]; ok {
			st.a, st.exists = *acc, true
		} else {
			st.a = Account{FillsRoot: EmptyFillsRoot}
			for _, d := range a.b.Deposits {
				if d.Account == index && !d.Refund {
					st.a.Key, st.a.Blinding = d.Key, d.Blinding
					break
				}
			}
		}
		st.collateral = big.NewInt(st.a.Collateral)
		for p, slot := range st.a.Slots {
			st.slotMarket[p] = NoRow
			if slot.Size != 0 {
				st.slotMarket[p] = a.marketRow[slot.Market]
			}
			st.sizes[p], st.costs[p] = slot.Size, slot.Cost
		}
		a.accountRow[index] = i
		a.accounts = append(a.accounts, st)
		a.w.Accounts = append(a.w.Accounts, AccountRow{Index: index, Exists: st.exists, Account: st.a})
	}
	a.fundRow = NoRow
	if row, ok := a.accountRow[FundAccount]; ok && stepCount(a.b) > 0 {
		a.fundRow = row
	}
	for _, u := range a.slotUses() {
		if a.accounts[a.accountRow[u.account]].slotOf(a.marketRow[u.market]) < 0 {
			return fmt.Errorf("account %d would hold more than %d positions", u.account, PositionSlots)
		}
	}
	for _, w := range a.b.Withdrawals {
		a.accounts[a.accountRow[w.Account]].withdrew = true
	}
	for i, st := range a.accounts {
		a.w.Accounts[i].SlotMarket = st.slotMarket
	}
	return nil
}

// slotUse is an account filling in a market.
type slotUse struct{ account, market int64 }

// slotUses lists every fill's two sides in slot-assignment order.
func (a *applier) slotUses() []slotUse {
	var out []slotUse
	for _, t := range a.b.Trades {
		out = append(out, slotUse{t.Maker.Account, t.Maker.Market}, slotUse{t.Taker.Account, t.Taker.Market})
	}
	for _, l := range a.b.Liquidations {
		for _, c := range l.Closes {
			out = append(out, slotUse{l.Account, c.Maker.Market}, slotUse{c.Maker.Account, c.Maker.Market})
		}
		for _, t := range l.Takeovers {
			out = append(out, slotUse{l.Account, t.Market}, slotUse{FundAccount, t.Market})
		}
		if l.Adl != nil {
			for _, f := range l.Adl.Fills {
				out = append(out, slotUse{l.Account, f.Market}, slotUse{f.Counterparty, f.Market})
			}
		}
	}
	for _, c := range a.b.Unwinds {
		out = append(out, slotUse{FundAccount, c.Maker.Market}, slotUse{c.Maker.Account, c.Maker.Market})
	}
	return out
}

// slotOf returns the slot of a market row, assigning a free one if needed; -1 if none is free.
func (st *accountState) slotOf(row int) int {
	for p, m := range st.slotMarket {
		if m == row {
			return p
		}
	}
	for p, m := range st.slotMarket {
		if m == NoRow && st.a.Slots[p].Size == 0 {
			st.slotMarket[p] = row
			return p
		}
	}
	return -1
}

// owedFunding computes, at the (post-tick) market index, the funding each position slot owes. It
// is settled (moved from collateral to the funding pool, the slot's index set to the market's) the
// first time a fill touches the slot, when the account withdraws (every slot) or is liquidated
// (every slot); the index is constant during the batch, so the amount does not depend on when.
func (a *applier) owedFunding() {
	for _, st := range a.accounts {
		for p := range st.a.Slots {
			st.owed[p] = new(big.Int)
			if row := st.slotMarket[p]; row != NoRow {
				st.owed[p] = FundingOwed(st.sizes[p], a.markets[row].m.FundingIndex, st.a.Slots[p].FundingIndex)
			}
		}
	}
}

// settle settles one slot's funding, once.
func (a *applier) settle(st *accountState, p int) {
	if st.settled[p] || st.slotMarket[p] == NoRow {
		return
	}
	st.settled[p] = true
	st.collateral.Sub(st.collateral, st.owed[p])
	a.funding.Add(a.funding, st.owed[p])
	st.a.Slots[p].FundingIndex = a.markets[st.slotMarket[p]].m.FundingIndex
}

func (a *applier) settleAll(st *accountState) {
	for p := range st.a.Slots {
		a.settle(st, p)
	}
}

// value is a slot's size * mark - cost - funding owed (0 once settled).
func (a *applier) value(st *accountState, p int) *big.Int {
	row := st.slotMarket[p]
	if row == NoRow {
		return new(big.Int)
	}
	v := new(big.Int).Mul(big.NewInt(st.sizes[p]), big.NewInt(a.markets[row].m.Mark))
	v.Sub(v, big.NewInt(st.costs[p]))
	if !st.settled[p] {
		v.Sub(v, st.owed[p])
	}
	return v
}

// equity is collateral plus every slot's value at the batch's marks.
func (a *applier) equity(st *accountState) *big.Int {
	e := new(big.Int).Set(st.collateral)
	for p := range st.a.Slots {
		e.Add(e, a.value(st, p))
	}
	return e
}

// requirement is the sum over slots of ceil(|size| * marginPrice * rate / 10^6), the rate a market
// parameter (initial or maintenance margin); the margin price is the mark but for an option.
func (a *applier) requirement(st *accountState, rate func(Params) int64) *big.Int {
	r := new(big.Int)
	for p, row := range st.slotMarket {
		if row != NoRow {
			ms := a.markets[row]
			r.Add(r, Requirement(st.sizes[p], a.marginPrice(ms), rate(ms.m.Params)))
		}
	}
	return r
}

func initialMargin(p Params) int64     { return p.InitialMarginPpm }
func maintenanceMargin(p Params) int64 { return p.MaintenanceMarginPpm }

func (a *applier) deposits() {
	for _, d := range a.b.Deposits {
		row := NoRow
		if !d.Refund {
			row = a.accountRow[d.Account]
			st := a.accounts[row]
			if d.Key != st.a.Key {
				a.violate("deposit-key", "deposit to account %d names another key", d.Account)
			}
			if !st.exists && !st.credited && !ValidKey(d.Key) {
				a.violate("deposit-key", "account %d created with an invalid key", d.Account)
			}
			st.credited = true
			st.collateral.Add(st.collateral, big.NewInt(d.Amount))
		}
		a.w.Deposits = append(a.w.Deposits, DepositRow{Deposit: d, Row: row})
	}
}

// orders makes the order table (each signed order once, in order of first appearance in the
// trades, maker then taker, then in the close and unwind fills) and updates each order's fill slot
// with everything it fills in the batch.
func (a *applier) orders() error {
	a.orderRow = map[orderKey]int{}
	filled := map[int]int64{}
	for _, f := range a.signedFills() {
		o := f.order
		key := orderKey{o.Order, string(o.Signature)}
		row, ok := a.orderRow[key]
		if !ok {
			row = len(a.w.Orders)
			if row >= a.caps.Orders {
				return fmt.Errorf("more than %d orders", a.caps.Orders)
			}
			sig, err := ParseSignature(o.Signature)
			if err != nil {
				return fmt.Errorf("order signature: %w", err)
			}
			a.orderRow[key] = row
			a.w.Orders = append(a.w.Orders, OrderRow{AccountRow: a.accountRow[o.Account],
				MarketRow: a.marketRow[o.Market], Order: o.Order, Signature: sig})
			st := a.accounts[a.accountRow[o.Account]]
			if !st.exists && !st.credited || !Verify(st.a.Key, o.Signature, o.Order.Hash(a.s.Domain)) {
				a.violate("order-signature", "order %d of account %d", o.ClientOrderID, o.Account)
			}
			if o.Expiry != 0 && o.Expiry <= a.b.Time {
				a.violate("order-expired", "order %d expired at %d, batch time %d", o.ClientOrderID, o.Expiry, a.b.Time)
			}
		}
		filled[row] += f.quantity
	}
	for row := range a.w.Orders {
		a.fillSlot(row, filled[row])
	}
	return nil
}

type signedFill struct {
	order    SignedOrder
	quantity int64
}

// signedFills lists the signed side of every fill in order-table order.
func (a *applier) signedFills() []signedFill {
	var out []signedFill
	for _, t := range a.b.Trades {
		out = append(out, signedFill{t.Maker, t.Quantity}, signedFill{t.Taker, t.Quantity})
	}
	for _, c := range a.closes() {
		out = append(out, signedFill{c.Maker, c.Quantity})
	}
	return out
}

func (a *applier) orderRowOf(o SignedOrder) int {
	return a.orderRow[orderKey{o.Order, string(o.Signature)}]
}

// fillSlot applies the fill-slot rule of docs/state.md to an order row.
func (a *applier) fillSlot(row int, filled int64) {
	r := &a.w.Orders[row]
	o := r.Order
	fs := a.s.fillSlotsOf(o.Account)
	slot := o.ClientOrderID & (1<<FillDepth - 1)
	old, used := fs.slots[slot]
	r.FillEmpty, r.Fill = !used, old
	start := int64(0)
	switch {
	case used && old.ClientOrderID == o.ClientOrderID:
		start = old.Filled
	case used && old.ClientOrderID > o.ClientOrderID:
		a.violate("order-replay", "order %d of account %d: its fill slot holds the newer order %d",
			o.ClientOrderID, o.Account, old.ClientOrderID)
	}
	total := start + filled
	if total > o.Quantity || total < start {
		a.violate("overfill", "order %d of account %d filled %d of %d", o.ClientOrderID, o.Account, total, o.Quantity)
	}
	next := layout.Fill{ClientOrderID: o.ClientOrderID, Filled: total}
	fs.slots[slot] = next
	u, err := fs.tree.Set(uint64(slot), next.Leaf())
	if err != nil {
		panic(err)
	}
	r.FillSiblings = u.Siblings
	a.accounts[r.AccountRow].a.FillsRoot = u.NewRoot
}

func (a *applier) trades() {
	for _, t := range a.b.Trades {
		mr := a.marketRow[t.Maker.Market]
		ms := a.markets[mr]
		p := ms.m.Params
		if t.Maker.Market != t.Taker.Market {
			a.violate("trade-market", "maker in market %d, taker in %d", t.Maker.Market, t.Taker.Market)
		}
		if t.Maker.Side == t.Taker.Side {
			a.violate("trade-side", "both orders on side %d", t.Maker.Side)
		}
		buyer, seller := t.Maker.Order, t.Taker.Order
		if t.Maker.Side == 1 {
			buyer, seller = seller, buyer
		}
		if t.Price > buyer.Price || t.Price < seller.Price {
			a.violate("trade-limit", "price %d outside the limits [%d, %d]", t.Price, seller.Price, buyer.Price)
		}
		if t.Price < 1 || t.Price > p.MaxPrice || t.Price%p.TickSize != 0 {
			a.violate("trade-price", "price %d (tick %d, max %d)", t.Price, p.TickSize, p.MaxPrice)
		}
		if t.Quantity < 1 || t.Quantity%p.LotSize != 0 {
			a.violate("trade-quantity", "quantity %d (lot %d)", t.Quantity, p.LotSize)
		}
		if t.Taker.Type == PostOnly {
			a.violate("trade-post-only", "post-only order %d took liquidity", t.Taker.ClientOrderID)
		}
		makerMax := MaxFee(t.Quantity, t.Price, p.MakerFeePpm)
		takerMax := MaxFee(t.Quantity, t.Price, p.TakerFeePpm)
		if big.NewInt(t.MakerFee).Cmp(makerMax) > 0 || big.NewInt(t.TakerFee).Cmp(takerMax) > 0 ||
			t.MakerFee+t.TakerFee < 0 {
			a.violate("trade-fee", "fees %d/%d, at most %s/%s, sum at least 0", t.MakerFee, t.TakerFee,
				makerMax, takerMax)
		}
		a.fees.Add(a.fees, big.NewInt(t.MakerFee))
		a.fees.Add(a.fees, big.NewInt(t.TakerFee))
		makerSlot := a.orderLeg(t.Maker.Order, ms, t.Quantity, t.Price, t.MakerFee)
		takerSlot := a.orderLeg(t.Taker.Order, ms, t.Quantity, t.Price, t.TakerFee)
		a.w.Trades = append(a.w.Trades, TradeRow{Maker: a.orderRowOf(t.Maker), Taker: a.orderRowOf(t.Taker),
			Quantity: t.Quantity, Price: t.Price, MakerFee: t.MakerFee, TakerFee: t.TakerFee, MakerSlot: makerSlot,
			TakerSlot: takerSlot})
	}
}

// orderLeg applies a trade's side to its account: the order's reduce-only flag holds, and a leg
// that adds risk puts the account under the margin rule.
func (a *applier) orderLeg(o Order, ms *marketState, q, price, fee int64) int {
	st := a.accounts[a.accountRow[o.Account]]
	slot := st.slotOf(a.marketRow[ms.m.ID])
	f := a.leg(st, slot, ms, o.Side == 0, q, price, fee)
	if o.ReduceOnly != 0 && !f.Pure {
		a.violate("reduce-only", "order %d of account %d grows its position", o.ClientOrderID, o.Account)
	}
	if !f.Pure {
		st.needsMargin = true
	}
	return slot
}

// leg applies one side of a fill to a position slot (its funding settled first) and returns the
// fill: the position stays within maxPosition, and a fill that adds risk needs a valid mark. On an
// option market the premium moves to collateral (a trade's, a liquidation step's or an unwind's
// fill alike: the sequencer's premium step), and an expired option takes no fill.
func (a *applier) leg(st *accountState, slot int, ms *marketState, buy bool, q, price, fee int64) Fill {
	a.settle(st, slot)
	f := ApplyFill(st.sizes[slot], st.costs[slot], buy, q, price)
	if ms.m.Option != nil {
		f = premium(f)
		if a.expired(ms) {
			a.violate("option-expired", "a fill on option market %d at or after its expiry %d", ms.m.ID,
				ms.m.Option.Expiry)
		}
	}
	if new(big.Int).Abs(f.Size).Cmp(big.NewInt(ms.m.Params.MaxPosition)) > 0 {
		a.violate("max-position", "account %d position %s above %d", st.index, f.Size, ms.m.Params.MaxPosition)
	}
	if !f.Pure && !ms.valid {
		a.violate("mark-invalid", "market %d has no valid mark for a risk-increasing fill", ms.m.ID)
	}
	st.sizes[slot] = a.int64Of("position", f.Size)
	st.costs[slot] = a.int64Of("position", f.Cost)
	st.collateral.Add(st.collateral, f.Realized)
	st.collateral.Sub(st.collateral, big.NewInt(fee))
	return f
}

// int64Of converts a result the state must store; one outside a long breaks the range rule (the
// circuit's range check) and is stored wrapped.
func (a *applier) int64Of(what string, x *big.Int) int64 {
	if !x.IsInt64() {
		a.violate("range", "%s %s outside the 64-bit range", what, x)
	}
	return x.Int64()
}

// requests serves the batch's forced withdrawal requests, in queue order, on the state every other
// change of the batch left (the sweep included). A request whose signature is its account's key's
// and whose nonce is the account's withdrawal nonce is valid: the account's funding is settled, it
// is paid min(maxAmount, max(0, min(collateral, equity - initial requirement))) at the batch's
// marks (the portfolio one for a portfolio account), so it keeps collateral >= 0 and the margin
// rule, and its nonce increases. Any other request is served by paying 0, so the operator can
// always serve the queue.
func (a *applier) requests() {
	a.w.RequestStart = a.s.RequestsServed
	seen := map[int64]bool{}
	for _, r := range a.b.Requests {
		row := a.accountRow[r.Account]
		st := a.accounts[row]
		if seen[r.Account] {
			a.violate("request-account", "account %d has two requests in the batch", r.Account)
		}
		seen[r.Account] = true
		var paid int64
		if (st.exists || st.credited) && r.Nonce == st.a.Nonce &&
			VerifyDecoded(st.a.Key, r.Signature, r.ForcedHash(a.s.Domain)) {
			a.settleAll(st)
			paid = a.int64Of("forced payment", forcedPayment(r.Amount, st.collateral,
				new(big.Int).Sub(a.equity(st), a.initialRequirement(st))))
			st.collateral.Sub(st.collateral, big.NewInt(paid))
			st.a.Nonce++
		}
		a.w.Requests = append(a.w.Requests, RequestRow{ForcedRequest: r, AccountRow: row, Paid: paid})
	}
}

// forcedPayment is min(maxAmount, max(0, min(collateral, free))), free = equity - requirement.
func forcedPayment(maxAmount int64, collateral, free *big.Int) *big.Int {
	x := new(big.Int).Set(collateral)
	if free.Cmp(x) < 0 {
		x.Set(free)
	}
	if x.Sign() < 0 {
		x.SetInt64(0)
	}
	if m := big.NewInt(maxAmount); m.Cmp(x) < 0 {
		x = m
	}
	return x
}

func (a *applier) withdrawals() {
	nonces := map[int64]int64{}
	for _, w := range a.b.Withdrawals {
		row := a.accountRow[w.Account]
		st := a.accounts[row]
		nonce := st.a.Nonce + nonces[w.Account]
		nonces[w.Account]++
		sig, err := ParseSignature(w.Signature)
		if err != nil {
			sig = Signature{}
			a.violate("withdrawal-signature", "account %d: %v", w.Account, err)
		}
		a.w.Withdrawals = append(a.w.Withdrawals, WithdrawalRow{AccountRow: row, Amount: w.Amount,
			Recipient: w.Recipient, Signature: sig})
		if w.Nonce != nonce {
			a.violate("withdrawal-nonce", "account %d signed nonce %d, current %d", w.Account, w.Nonce, nonce)
		}
		msg := WithdrawalMessage{Account: w.Account, Amount: w.Amount, Recipient: w.Recipient, Nonce: nonce}
		if !st.exists && !st.credited || !Verify(st.a.Key, w.Signature, msg.Hash(a.s.Domain)) {
			a.violate("withdrawal-signature", "withdrawal of account %d", w.Account)
		}
		if w.Amount < 1 {
			a.violate("withdrawal-amount", "amount %d", w.Amount)
		}
		a.settleAll(st)
		st.collateral.Sub(st.collateral, big.NewInt(w.Amount))
		st.needsMargin = true
	}
	for account, n := range nonces {
		a.accounts[a.accountRow[account]].a.Nonce += n
	}
}

// endChecks are the margin rule and the withdrawal rule at the end of the trading phase (before
// the sweep, which ends the batch).
func (a *applier) endChecks() {
	for _, st := range a.accounts {
		index := st.index
		if st.withdrew && st.collateral.Sign() < 0 {
			a.violate("withdrawal-collateral", "account %d ends with collateral %s", index, st.collateral)
		}
		if !st.needsMargin {
			continue
		}
		equity, required := a.equity(st), a.initialRequirement(st)
		if equity.Cmp(required) < 0 {
			a.violate("margin", "account %d: equity %s below the initial requirement %s", index, equity, required)
		}
	}
	if a.fees.Sign() < 0 {
		a.violate("fee-pool", "fee pool %s negative", a.fees)
	}
}

// store writes the account rows, then the market rows, in table order, and the state fields; it
// fails only when the blob of a -blob batch cannot be opened.
func (a *applier) store() error {
	s := a.s
	for i, st := range a.accounts {
		acc := st.a
		acc.Collateral = a.int64Of("collateral", st.collateral)
		for p := range acc.Slots {
			pos := Position{Size: st.sizes[p], Cost: st.costs[p], FundingIndex: acc.Slots[p].FundingIndex}
			if pos.Size != 0 {
				pos.Market = a.markets[st.slotMarket[p]].m.ID
			} else {
				pos = Position{}
			}
			acc.Slots[p] = pos
		}
		u := s.writeAccount(st.index, &acc, st.exists || st.credited)
		if a.caps.OwnerData {
			a.ownerRows = append(a.ownerRows, OwnerRow(a.b.Ephemeral, a.b.Number, st.index, &acc, st.exists || st.credited))
		}
		a.w.Accounts[i].Siblings = u.Siblings
		a.w.RowRoots = append(a.w.RowRoots, u.NewRoot)
	}
	for i, ms := range a.markets {
		if ms.m.Option != nil && a.settlesNow(ms) { // a settled option's mark is its payoff (expiry.go)
			ms.m.Mark = a.int64Of("payoff", Payoff(*ms.m.Option, a.settlementPrice(ms)))
		}
		m := ms.m
		u := s.putMarket(&m)
		a.w.Markets[i].Siblings = u.Siblings
	}
	s.FeePool = a.int64Of("fee pool", a.fees)
	s.FundingPool = a.int64Of("funding pool", a.funding)
	s.Time = a.b.Time
	s.DepositCount += int64(len(a.b.Deposits))
	s.RequestsServed += int64(len(a.b.Requests))
	s.BatchNumber = a.b.Number
	a.w.NewRoot = s.Root()
	if a.caps.Blobs > 0 {
		if err := a.openBlobs(); err != nil {
			return err
		}
	}
	a.w.PublicData = a.publicData()
	a.w.Public = Bind(a.w.PublicData)
	return nil
}

func (a *applier) publicData() []fr.Element {
	c, h := a.caps, a.w.Header
	d := make([]fr.Element, c.PublicDataLen())
	d[PubChainID] = layout.Int(h.ChainID)
	d[PubContract] = h.Contract
	d[PubBatchNumber] = layout.Int(h.BatchNumber)
	d[PubBatchTime] = layout.Int(h.BatchTime)
	d[PubOldRoot] = a.w.OldRoot
	d[PubNewRoot] = a.w.NewRoot
	d[PubDepositStart] = layout.Int(h.DepositCount)
	d[PubDepositCount] = layout.Int(h.Deposits)
	refunds := new(big.Int)
	for i, dep := range a.b.Deposits {
		d[PubHeaderLen+3*i] = DepositElement(dep.Account, dep.Amount, dep.Sender)
		d[PubHeaderLen+3*i+1] = dep.Key.X
		d[PubHeaderLen+3*i+2] = dep.Key.Y
		if dep.Refund {
			refunds.SetBit(refunds, i, 1)
		}
	}
	at := PubHeaderLen + 3*c.Deposits
	d[at].SetBigInt(refunds)
	at++
	for i, w := range a.b.Withdrawals {
		d[at+i] = WithdrawalElement(w.Recipient, w.Amount)
	}
	at += c.Withdrawals
	for i, ms := range a.markets {
		d[at+i] = MarketElement(ms.m.ID, ms.ticked, ms.valid, ms.rate, ms.m.Mark, ms.m.FundingIndex)
		if ms.m.Option != nil {
			d[at+i] = Pack(F(d[at+i], 0), U(1, OptionElementBit), U(ms.vol, OptionVolShift))
		}
		if c.Portfolio {
			d[at+i] = Pack(F(d[at+i], 0), U(a.w.Risk[i].RangePpm, RangeShift))
		}
	}
	at += c.Markets
	copy(d[at:], a.stepData)
	if c.Requests > 0 {
		a.requestData(d[c.RequestsAt():])
	}
	if c.OwnerData {
		a.ownerData(d[c.OwnerDataAt():])
	}
	if c.Portfolio {
		d[c.RiskAt()] = a.riskCommitment()
	}
	return d
}

// ownerData fills the owner-data section: the new state's account root, market root, fee pool and
// funding pool, E, then each account row's OwnerRow (zeros when unused), or with a blob section
// the blob's opening.
func (a *applier) ownerData(d []fr.Element) {
	s := a.s
	E := Ephemeral(a.b.Ephemeral)
	copy(d, []fr.Element{s.AccountsRoot(), s.MarketsRoot(), layout.Int(s.FeePool), layout.Int(s.FundingPool), E.X, E.Y})
	if a.caps.Blobs > 0 {
		for j, o := range a.w.Blobs {
			section := BlobSection(o)
			copy(d[OwnerHeaderLen+BlobSectionLen*j:], section[:])
		}
		return
	}
	for i, row := range a.ownerRows {
		copy(d[OwnerHeaderLen+OwnerRowLen*i:], row[:])
	}
}

// requestData fills the request section: the first queue index, the number served, each slot's
// record (account + 2^24 nonce + 2^88 maxAmount, recipient, R.x, R.y, S; zeros when unused), then
// what each slot was paid.
func (a *applier) requestData(d []fr.Element) {
	d[0] = layout.Int(a.w.RequestStart)
	d[1] = layout.Int(int64(len(a.w.Requests)))
	for j, r := range a.w.Requests {
		rec := d[2+5*j:]
		rec[0] = RequestElement(r.Account, r.Nonce, r.Amount)
		rec[1], rec[2], rec[3], rec[4] = r.Recipient, r.Signature.RX, r.Signature.RY, r.Signature.S
		d[2+5*a.caps.Requests+j] = layout.Int(r.Paid)
	}
}
