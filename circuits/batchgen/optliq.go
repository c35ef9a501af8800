package batchgen

import "sable/circuits/ledger"

// OptionLiquidations is Options with five account rows and four liquidation steps
// (settlement-m3-k3-a5-d3-o4-t3-w2-l4-opt): CI's tests of liquidation steps on option rows.
var OptionLiquidations = ledger.Capacities{Markets: 3, Oracles: 3, Accounts: 5, Deposits: 3, Orders: 4, Trades: 3,
	Withdrawals: 2, Options: true, Steps: 4}

// Accounts of the option liquidation scenario besides alice (5), bob (9) and carol (12).
const Dan = 14 // writes puts to carol's close, then is auto-deleveraged

// The option liquidation scenario's batch times and BTC prices.
const (
	OptionSweepTime = 150 // BTC at 30,000, puts marked 21,000: carol's liquidation
	OptionAdlTime   = 200 // BTC at 10,000, puts marked 40,000: dan's liquidation
)

// OptionLiquidationScenario (at OptionLiquidations) liquidates two writers of puts, with every step
// kind on an option row: the premium of each fill moves to collateral (docs/settlement.md "Option
// markets"). The amounts, worked out by hand:
//  1. prices BTC 50,000; alice 100M, bob 80M, carol 10M (batch 1 of OptionScenario).
//  2. alice writes 1,000 calls to bob at 2,000 and carol 500 puts to alice at 1,500 (carol receives
//     750,000 and the maker's rebate 75: 10,750,075); the fund gets 1,000,000, dan 600,000.
//  3. BTC falls to 30,000, the puts are marked 21,000: carol's equity 10,750,075 - 500 * 21,000 =
//     250,075 is below her maintenance 500 * max(21,000, 30,000) * 5% = 750,000. She buys 200 puts
//     back from dan's offer at 21,500 (within the band 21,000 + 1,050; she pays 4,300,000 and the
//     taker fee 2,150; dan, writing them, receives 4,300,000 and the rebate 430); the fund takes her
//     other 300 over at the mark 21,000 (she pays 6,300,000, the fund receives it and is short 300)
//     and receives her surplus 147,925. The fund unwinds: it buys its 300 from alice's offer at
//     21,600 (it pays 6,480,000 and the fee 3,240: 964,685 left; alice keeps 200 puts).
//  4. BTC falls to 10,000, the puts are marked 40,000: dan's equity 4,900,430 - 200 * 40,000 =
//     -3,099,570; the fund cannot pay it, so it pays its 964,685 and the rest, 2,134,885, moves the
//     price at which dan buys his 200 puts back from alice (the only holder of long puts; score
//     200 * 40,000) to 40,000 - ceil(2,134,885 / 200) = 29,325: dan pays 5,865,000 and keeps 115.
func OptionLiquidationScenario(w *World) []ledger.Batch {
	alice, carol := int64(5), int64(12)
	scenario := OptionScenario(w)
	fund := w.Deposit(ledger.FundAccount, 1_000_000)
	fund.Key = ledger.Key{}
	b2 := scenario[1]
	b2.Deposits = []ledger.Deposit{fund, w.Deposit(Dan, 600_000)}
	b3 := ledger.Batch{Time: OptionSweepTime,
		Oracles: []ledger.OraclePrice{w.Price(BTC, 0, 30_000, 148), w.Price(BTC, 1, 30_000, 149),
			w.Price(BTC, 2, 30_000, 150)},
		Liquidations: []ledger.Liquidation{{Account: carol,
			Closes:    []ledger.Close{w.Close(w.Order(Dan, BTCPut, 1, 1, 21_500, 200), 200, 21_500)},
			Takeovers: []ledger.Takeover{{Market: BTCPut, Quantity: 300, Price: 21_000}},
			Surplus:   147_925}},
		Unwinds:     []ledger.Close{w.Close(w.Order(alice, BTCPut, 3, 1, 21_600, 300), 300, 21_600)},
		OptionMarks: []ledger.OptionMark{Mark(BTCCall, 10), Mark(BTCPut, 21_000)},
	}
	b4 := ledger.Batch{Time: OptionAdlTime,
		Oracles: []ledger.OraclePrice{w.Price(BTC, 0, 10_000, 198), w.Price(BTC, 1, 10_000, 199),
			w.Price(BTC, 2, 10_000, 200)},
		Liquidations: []ledger.Liquidation{{Account: Dan,
			Adl: &ledger.Deleveraging{Covered: 964_685,
				Fills: []ledger.AdlFill{{Counterparty: alice, Market: BTCPut, Quantity: 200, Price: 29_325}}}}},
		OptionMarks: []ledger.OptionMark{Mark(BTCCall, 10), Mark(BTCPut, 40_000)},
	}
	return []ledger.Batch{scenario[0], b2, b3, b4}
}
