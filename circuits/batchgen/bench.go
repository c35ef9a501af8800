package batchgen

import (
	"fmt"

	"sable/circuits/ledger"
)

// Mix names how a full batch's trades share accounts and orders.
type Mix string

// The two mixes the proving benchmark reports.
const (
	// Fresh: every trade is between two accounts and two orders no other trade of the batch uses
	// (the worst case: two account rows and two order rows per trade).
	Fresh Mix = "fresh"
	// Realistic: four market makers rest a bid and an ask each; every taker order fills two of
	// those resting orders (per trade: half a taker account row and half a taker order row, plus
	// the makers' 4 accounts and 8 orders shared by the whole batch).
	Realistic Mix = "realistic"
)

// makers of the realistic mix.
const makers = 4

// MixCapacities are the capacities of a full batch of trades trades in the mix: one market, one
// oracle price, one deposit and one withdrawal besides the trades.
func MixCapacities(mix Mix, trades int) (ledger.Capacities, error) {
	c := ledger.Capacities{Markets: 1, Oracles: 1, Deposits: 1, Withdrawals: 1, Trades: trades}
	switch mix {
	case Fresh:
		c.Accounts, c.Orders = 2*trades, 2*trades
	case Realistic:
		if trades%2 != 0 {
			return c, fmt.Errorf("the realistic mix needs an even number of trades")
		}
		c.Accounts, c.Orders = makers+trades/2, 2*makers+trades/2
	default:
		return c, fmt.Errorf("unknown mix %q (fresh or realistic)", mix)
	}
	return c, nil
}

// FullBatch returns a world whose accounts exist (created by earlier batches, already applied)
// and the batch to prove: every slot of the mix's capacities used.
func FullBatch(mix Mix, trades int) (*World, ledger.Batch, error) {
	caps, err := MixCapacities(mix, trades)
	if err != nil {
		return nil, ledger.Batch{}, err
	}
	w := NewWorld(caps, BTC)
	var accounts []int64
	for i := 0; i < caps.Accounts; i++ {
		accounts = append(accounts, int64(100+i))
	}
	for i, a := range accounts {
		b := ledger.Batch{Time: int64(i), Deposits: []ledger.Deposit{w.Deposit(a, 1_000_000_000)}}
		if i == 0 {
			b.Oracles = []ledger.OraclePrice{w.Price(BTC, 0, 50_000, 0)}
		}
		if _, v, err := w.Apply(b); err != nil || len(v) > 0 {
			return nil, ledger.Batch{}, fmt.Errorf("setup batch %d: %v %v", i, err, v)
		}
	}
	now := int64(len(accounts)) + 10
	b := ledger.Batch{Time: now, Oracles: []ledger.OraclePrice{w.Price(BTC, 1, 50_010, now)},
		Deposits:    []ledger.Deposit{w.Deposit(accounts[0], 5_000)},
		Withdrawals: []ledger.Withdrawal{w.Withdraw(accounts[1], 5_000)}}
	switch mix {
	case Fresh:
		for t := 0; t < trades; t++ {
			maker := w.Order(accounts[2*t], BTC, 1, int64(t%2), 50_000, 1_000)
			taker := w.Order(accounts[2*t+1], BTC, 1, int64(1-t%2), 50_000, 1_000)
			b.Trades = append(b.Trades, w.Trade(maker, taker, 1_000, 50_000))
		}
	case Realistic:
		var resting []ledger.SignedOrder
		for m := 0; m < makers; m++ {
			resting = append(resting, w.Order(accounts[m], BTC, 1, 0, 50_000-10*int64(m), 100_000),
				w.Order(accounts[m], BTC, 2, 1, 50_100+10*int64(m), 100_000))
		}
		for k := 0; k < trades/2; k++ {
			side := int64(k % 2) // the taker buys from asks or sells into bids
			limit := int64(50_200)
			if side == 1 {
				limit = 49_900
			}
			taker := w.Order(accounts[makers+k], BTC, 1, side, limit, 2_000)
			for f := 0; f < 2; f++ {
				maker := resting[2*((k+f)%makers)+int(1-side)]
				b.Trades = append(b.Trades, w.Trade(maker, taker, 1_000, maker.Price))
			}
		}
	}
	return w, b, nil
}

// The liquidation batches the proving benchmark reports. Each comes with its world, after setup
// batches that list BTC at 50,000 and open the positions; the batch is at a time when the setup
// price is stale, so its mark is its own price.

// TakeoverBatch: n accounts, each long 1,000 BTC bought at 50,000 with 6,000,000, fall to 45,000
// and are liquidated as dave in LiquidationScenario: 400 closed into one of two makers' bids at
// 43,000, 600 taken over by the fund at the mark, the surplus 166,400 to the fund (3 steps each).
// Capacities: the fund, the n accounts and the two makers; one market, oracle price, deposit,
// withdrawal and trade slot (unused), two order rows, 3n steps.
func TakeoverBatch(n int) (*World, ledger.Batch, error) {
	const short, makerA, makerB = 100, 101, 102
	s := newSetup(ledger.Capacities{Markets: 1, Oracles: 1, Accounts: n + 3, Deposits: 1, Orders: 2, Trades: 1,
		Withdrawals: 1, Steps: 3 * n})
	for _, a := range []int64{short, makerA, makerB} {
		s.deposit(a, 1_000_000_000)
	}
	longs := accountsFrom(200, n)
	for i, a := range longs {
		s.deposit(a, 6_000_000)
		s.buy(a, 1, short, int64(i+1), 1_000)
	}
	w := s.w
	bids := []ledger.SignedOrder{w.Order(makerA, BTC, 1, 0, 43_000, 400*int64(n)),
		w.Order(makerB, BTC, 1, 0, 43_000, 400*int64(n))}
	b := ledger.Batch{Time: s.later(), Oracles: []ledger.OraclePrice{w.Price(BTC, 1, 45_000, s.later())}}
	for i, a := range longs {
		b.Liquidations = append(b.Liquidations, ledger.Liquidation{Account: a,
			Closes:    []ledger.Close{w.Close(bids[i%2], 400, 43_000)},
			Takeovers: []ledger.Takeover{{Market: BTC, Quantity: 600, Price: 45_000}}, Surplus: 166_400})
	}
	return w, b, s.err
}

// AdlBatch: one account long 100 BTC against each of f shorts (bought at 50,000 with 600,000 per
// 100) falls to 40,000: equity -402,500 f, the fund (empty) pays nothing, and the deficit moves
// the price to 40,000 + 4,025; the f shorts (equal scores: by index) take 100 each. Steps: the
// start, the cover and f ADL fills. Capacities: the fund, the account and the f shorts; one
// market, oracle price, deposit, withdrawal and trade slot (unused), two order rows.
func AdlBatch(f int) (*World, ledger.Batch, error) {
	const long = 100
	s := newSetup(ledger.Capacities{Markets: 1, Oracles: 1, Accounts: f + 2, Deposits: 1, Orders: 2, Trades: 1,
		Withdrawals: 1, Steps: f + 2})
	s.deposit(long, 600_000*int64(f))
	shorts := accountsFrom(200, f)
	adl := &ledger.Deleveraging{}
	for i, a := range shorts {
		s.deposit(a, 1_000_000_000)
		s.buy(long, int64(i+1), a, 1, 100)
		adl.Fills = append(adl.Fills, ledger.AdlFill{Counterparty: a, Market: BTC, Quantity: 100, Price: 44_025})
	}
	return s.w, ledger.Batch{Time: s.later(), Oracles: []ledger.OraclePrice{s.w.Price(BTC, 1, 40_000, s.later())},
		Liquidations: []ledger.Liquidation{{Account: long, Adl: adl}}}, s.err
}

// setup applies one-operation batches to a world with BTC at 50,000, keeping the first error.
type setup struct {
	w   *World
	now int64
	err error
}

func newSetup(caps ledger.Capacities) *setup {
	s := &setup{w: NewWorld(caps, BTC)}
	s.apply(ledger.Batch{Oracles: []ledger.OraclePrice{s.w.Price(BTC, 0, 50_000, 1)}})
	return s
}

func (s *setup) apply(b ledger.Batch) {
	if s.err != nil {
		return
	}
	s.now++
	b.Time = s.now
	if _, v, err := s.w.Apply(b); err != nil || len(v) > 0 {
		s.err = fmt.Errorf("setup batch at %d: %v %v", s.now, err, v)
	}
}

func (s *setup) deposit(account, amount int64) {
	s.apply(ledger.Batch{Deposits: []ledger.Deposit{s.w.Deposit(account, amount)}})
}

// buy: buyer's order id buys q from seller's order id at 50,000.
func (s *setup) buy(buyer, buyerID, seller, sellerID, q int64) {
	s.apply(ledger.Batch{Trades: []ledger.Trade{s.w.Trade(s.w.Order(seller, BTC, sellerID, 1, 50_000, q),
		s.w.Order(buyer, BTC, buyerID, 0, 50_000, q), q, 50_000)}})
}

// later is a time at which the setup's price is stale (oracle staleness 60).
func (s *setup) later() int64 { return s.now + 100 }

func accountsFrom(first int64, n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = first + int64(i)
	}
	return out
}
