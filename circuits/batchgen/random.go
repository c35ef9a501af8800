package batchgen

import (
	"math/rand/v2"

	"sable/circuits/ledger"
)

// Random makes seeded random honest batches for the world: prices drifting around a reference,
// deposits creating and topping up accounts (some refunded), trades between resting makers
// (filled over several batches) and crossing takers (some reduce-only, some with an expiry),
// withdrawals and funding ticks. Each batch is tried on a copy of the state and trimmed until
// the model finds no rule broken, so every batch it returns is one the sequencer could seal.
type Random struct {
	w       *World
	rng     *rand.Rand
	pool    []int64
	nextID  map[int64]int64
	resting []ledger.SignedOrder
	filled  map[string]int64
	ref     map[int64]int64
	markets []int64
}

// NewRandom starts a generator for the world's markets.
func NewRandom(w *World, seed uint64, markets ...int64) *Random {
	r := &Random{w: w, rng: rand.New(rand.NewPCG(seed, 7)), pool: []int64{1, 2, 5, 9, 12, 1 << 20},
		nextID: map[int64]int64{}, filled: map[string]int64{}, ref: map[int64]int64{}, markets: markets}
	for _, m := range markets {
		r.ref[m] = 40_000 + 1_000*m
	}
	return r
}

// Next returns the next batch (not yet applied).
func (r *Random) Next() ledger.Batch {
	s := r.w.State
	b := ledger.Batch{Time: s.Time + 1 + r.rng.Int64N(100)}
	if r.rng.IntN(6) == 0 {
		b.Time = s.Time + 3_600 + r.rng.Int64N(400)
	}
	r.funding(&b)
	r.prices(&b)
	r.deposits(&b)
	r.trades(&b)
	r.withdrawals(&b)
	return r.trim(b)
}

func (r *Random) funding(b *ledger.Batch) {
	for _, id := range r.markets {
		m, _ := r.w.State.Market(id)
		if _, valid := ledger.MarkAt(&m, r.w.State.Time); !valid || r.rng.IntN(2) == 0 {
			continue
		}
		if m.Funded && r.w.State.Time-m.LastFundingTime < m.Params.FundingInterval {
			continue
		}
		b.Funding = append(b.Funding, ledger.FundingTick{Market: id, RatePpm: r.rng.Int64N(4_001) - 2_000})
	}
}

func (r *Random) prices(b *ledger.Batch) {
	for len(b.Oracles) < r.w.Caps.Oracles && r.rng.IntN(4) != 0 {
		id := r.markets[r.rng.IntN(len(r.markets))]
		source := r.rng.Int64N(3)
		m, _ := r.w.State.Market(id)
		last := m.Records[source].PublishTime
		for _, o := range b.Oracles {
			if o.Market == id && o.Source == source {
				last = o.PublishTime
			}
		}
		if last >= b.Time {
			continue
		}
		r.ref[id] += r.ref[id] * (r.rng.Int64N(201) - 100) / 10_000
		price := r.ref[id] + r.rng.Int64N(21) - 10
		published := b.Time - r.rng.Int64N(min(30, b.Time-last))
		b.Oracles = append(b.Oracles, r.w.Price(id, source, price, published))
	}
}

func (r *Random) deposits(b *ledger.Batch) {
	for len(b.Deposits) < r.w.Caps.Deposits && (len(r.traders(b)) < 3 || r.rng.IntN(3) == 0) {
		account := r.pool[r.rng.IntN(len(r.pool))]
		d := r.w.Deposit(account, 50_000_000+r.rng.Int64N(100_000_000))
		d.Refund = r.rng.IntN(10) == 0
		b.Deposits = append(b.Deposits, d)
	}
}

// traders are the pool's accounts that exist or that this batch's credited deposits create.
func (r *Random) traders(b *ledger.Batch) []int64 {
	var out []int64
	for _, a := range r.pool {
		if r.exists(b, a) {
			out = append(out, a)
		}
	}
	return out
}

// exists reports whether an account exists or a credited deposit of this batch creates it.
func (r *Random) exists(b *ledger.Batch, account int64) bool {
	if _, ok := r.w.State.Account(account); ok && account != ledger.FundAccount {
		return true
	}
	for _, d := range b.Deposits {
		if d.Account == account && !d.Refund && account != ledger.FundAccount {
			return true
		}
	}
	return false
}

func (r *Random) markAfter(b *ledger.Batch, id int64) (int64, bool) {
	m, _ := r.w.State.Market(id)
	for _, o := range b.Oracles {
		if o.Market == id {
			m.Records[o.Source] = ledger.Record{Price: o.Price, PublishTime: o.PublishTime}
		}
	}
	return ledger.MarkAt(&m, b.Time)
}

func (r *Random) order(b *ledger.Batch, account, market, side, price, quantity int64) ledger.SignedOrder {
	r.nextID[account]++
	o := ledger.Order{Account: account, Market: market, ClientOrderID: r.nextID[account]*3 + r.rng.Int64N(3),
		Side: side, Price: price, Quantity: quantity}
	if r.rng.IntN(5) == 0 {
		o.Expiry = b.Time + 1 + r.rng.Int64N(500)
	}
	if r.rng.IntN(4) == 0 {
		o.Type = ledger.PostOnly
	}
	return r.w.Sign(o)
}

func (r *Random) trades(b *ledger.Batch) {
	p := DefaultParams()
	accounts, orders := map[int64]bool{}, map[string]bool{}
	for _, d := range b.Deposits {
		if !d.Refund {
			accounts[d.Account] = true
		}
	}
	traders := r.traders(b)
	want := 1 + r.rng.IntN(r.w.Caps.Trades)
	for attempt := 0; attempt < 40 && len(b.Trades) < want && len(traders) >= 2; attempt++ {
		var maker ledger.SignedOrder
		if i := r.rng.IntN(len(r.resting) + 1); i < len(r.resting) {
			maker = r.resting[i]
			if maker.Expiry != 0 && maker.Expiry <= b.Time || !r.exists(b, maker.Account) {
				continue
			}
		} else {
			id := r.markets[r.rng.IntN(len(r.markets))]
			mark, valid := r.markAfter(b, id)
			account := traders[r.rng.IntN(len(traders))]
			if !valid {
				continue
			}
			price := (mark/p.TickSize + r.rng.Int64N(7) - 3) * p.TickSize
			maker = r.order(b, account, id, r.rng.Int64N(2), price, p.LotSize*(1+r.rng.Int64N(20)))
		}
		left := maker.Quantity - r.filled[string(maker.Signature)]
		takerAccount := traders[r.rng.IntN(len(traders))]
		if left <= 0 || takerAccount == maker.Account {
			continue
		}
		q := p.LotSize * (1 + r.rng.Int64N(left/p.LotSize))
		limit := maker.Price + (1-2*(1-maker.Side))*p.TickSize*r.rng.Int64N(3)
		taker := r.order(b, takerAccount, maker.Market, 1-maker.Side, limit, q+p.LotSize*r.rng.Int64N(3))
		taker.Order.Type = 0
		if acc, ok := r.w.State.Account(takerAccount); ok && r.rng.IntN(3) == 0 {
			for _, s := range acc.Slots {
				if s.Market == maker.Market && s.Size != 0 && (s.Size > 0) == (taker.Side == 1) && abs(s.Size) >= taker.Quantity {
					taker.Order.ReduceOnly = 1
				}
			}
		}
		taker = r.w.Sign(taker.Order)
		used := map[int64]bool{maker.Account: true, takerAccount: true}
		newOrders := map[string]bool{string(maker.Signature): true, string(taker.Signature): true}
		if len(union(accounts, used)) > r.w.Caps.Accounts || len(unionS(orders, newOrders)) > r.w.Caps.Orders {
			continue
		}
		accounts, orders = union(accounts, used), unionS(orders, newOrders)
		b.Trades = append(b.Trades, r.w.Trade(maker, taker, q, maker.Price))
		r.filled[string(maker.Signature)] += q
		r.filled[string(taker.Signature)] += q
		if !containsOrder(r.resting, maker) {
			r.resting = append(r.resting, maker)
		}
	}
}

func (r *Random) withdrawals(b *ledger.Batch) {
	for _, account := range r.pool {
		acc, ok := r.w.State.Account(account)
		if len(b.Withdrawals) == r.w.Caps.Withdrawals || !ok || acc.Collateral < 1_000 || r.rng.IntN(3) != 0 {
			continue
		}
		b.Withdrawals = append(b.Withdrawals, r.w.Withdraw(account, 1+acc.Collateral/100))
	}
}

// trim drops trades and withdrawals from the end until the model finds no rule broken, or the
// accounts they touch fit the capacities.
func (r *Random) trim(b ledger.Batch) ledger.Batch {
	for {
		trial := r.w.State.Clone()
		b.Number = trial.BatchNumber + 1
		b.Ephemeral = r.w.ephemeral(b.Number)
		_, violations, err := trial.Apply(b, r.w.Caps)
		if err == nil && len(violations) == 0 {
			return b
		}
		switch {
		case len(b.Withdrawals) > 0:
			w := b.Withdrawals[len(b.Withdrawals)-1]
			r.w.pending[w.Account]--
			b.Withdrawals = b.Withdrawals[:len(b.Withdrawals)-1]
		case len(b.Trades) > 0:
			t := b.Trades[len(b.Trades)-1]
			r.filled[string(t.Maker.Signature)] -= t.Quantity
			r.filled[string(t.Taker.Signature)] -= t.Quantity
			b.Trades = b.Trades[:len(b.Trades)-1]
		default:
			panic("random batch without trades or withdrawals breaks a rule: " + errString(err, violations))
		}
	}
}

func errString(err error, v []ledger.Violation) string {
	if err != nil {
		return err.Error()
	}
	return v[0].Error()
}

func union(a, b map[int64]bool) map[int64]bool {
	out := map[int64]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func unionS(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func containsOrder(list []ledger.SignedOrder, o ledger.SignedOrder) bool {
	for _, x := range list {
		if string(x.Signature) == string(o.Signature) {
			return true
		}
	}
	return false
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
