package batchgen

import "sable/circuits/ledger"

// Small and Tiny are ledger's capacity presets (CI's solver tests, CI's real proofs).
var (
	Small = ledger.Small
	Tiny  = ledger.Tiny
)

// Markets of the scenarios.
const (
	BTC = 3
	ETH = 7
)

// Scenario is a short history that uses every slot type: accounts come in through deposits and
// prices are published; two traders open positions in both markets; then the market moves,
// funding ticks, positions are reduced and flipped, and one trader withdraws.
func Scenario(w *World) []ledger.Batch {
	alice, bob, carol := int64(5), int64(9), int64(12)
	b1 := ledger.Batch{Time: 100,
		Oracles: []ledger.OraclePrice{w.Price(BTC, 0, 50_000, 95), w.Price(BTC, 1, 50_100, 98),
			w.Price(ETH, 2, 3_000, 99)},
		Deposits: []ledger.Deposit{w.Deposit(alice, 100_000_000), w.Deposit(bob, 80_000_000),
			w.Deposit(ledger.FundAccount, 5_000_000)},
	}
	b1.Deposits[2].Key = ledger.Key{} // the fund is keyless
	aBid := w.Order(alice, BTC, 1, 0, 50_000, 1_000)
	bAsk := w.Order(bob, BTC, 1, 1, 49_990, 600)
	aEth := w.Order(alice, ETH, 2, 1, 3_000, 5_000)
	bEth := w.Order(bob, ETH, 2, 0, 3_010, 5_000)
	b2 := ledger.Batch{Time: 130,
		Oracles:  []ledger.OraclePrice{w.Price(BTC, 2, 50_050, 125)},
		Deposits: []ledger.Deposit{w.Deposit(carol, 10_000_000)},
		Trades: []ledger.Trade{w.Trade(aBid, bAsk, 400, 50_000), w.Trade(aBid, bAsk, 200, 50_000),
			w.Trade(aEth, bEth, 3_000, 3_000)},
	}
	aSell := w.Order(alice, BTC, 3, 1, 51_000, 800)
	bBuy := w.Order(bob, BTC, 3, 0, 52_000, 900)
	b3 := ledger.Batch{Time: 3_800,
		Funding: []ledger.FundingTick{{Market: BTC, RatePpm: 150}},
		Oracles: []ledger.OraclePrice{w.Price(BTC, 0, 51_500, 3_790), w.Price(BTC, 1, 51_400, 3_795),
			w.Price(ETH, 2, 2_950, 3_780)},
		Trades:      []ledger.Trade{w.Trade(aSell, bBuy, 800, 51_000)},
		Withdrawals: []ledger.Withdrawal{w.Withdraw(alice, 1_000_000), w.Withdraw(bob, 2_000_000)},
	}
	return []ledger.Batch{b1, b2, b3}
}

// TinyScenario fits Tiny: two accounts come in and BTC gets a price; they trade and one withdraws;
// then a batch changes nothing (its old and new roots are equal).
func TinyScenario(w *World) []ledger.Batch {
	alice, bob := int64(5), int64(9)
	b1 := ledger.Batch{Time: 100, Oracles: []ledger.OraclePrice{w.Price(BTC, 0, 50_000, 99)},
		Deposits: []ledger.Deposit{w.Deposit(alice, 100_000_000), w.Deposit(bob, 80_000_000)}}
	b2 := ledger.Batch{Time: 120,
		Trades: []ledger.Trade{w.Trade(w.Order(alice, BTC, 1, 0, 50_000, 1_000), w.Order(bob, BTC, 1, 1, 50_000, 600),
			600, 50_000)},
		Withdrawals: []ledger.Withdrawal{w.Withdraw(alice, 1_000_000)}}
	b3 := ledger.Batch{Time: 120}
	return []ledger.Batch{b1, b2, b3}
}
