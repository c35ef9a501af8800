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
