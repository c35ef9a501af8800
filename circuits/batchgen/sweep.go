package batchgen

import "sable/circuits/ledger"

// Sweep and TinySweep are ledger's capacity presets with liquidation steps.
var (
	Sweep     = ledger.Sweep
	TinySweep = ledger.TinySweep
)

// Accounts of the liquidation scenario.
const (
	Dave  = 21 // long BTC, liquidated: a close into the book, then the fund takes over
	Erin  = 22 // BTC maker on both sides
	Frank = 23 // buys dave's close
	Gina  = 24 // long ETH, liquidated with a deficit the fund cannot pay: auto-deleveraged
	Hank  = 25 // short ETH (the most profitable), short BTC
	Ivan  = 26 // short ETH
	Kate  = 28 // long BTC, closed into the book below bankruptcy: an uncovered deficit
	Lena  = 29 // long BTC, sells at a loss beyond her collateral: liquidated flat
)

// Close is a fill of the unsigned side (liquidated account or fund) against a resting signed
// order at price, with the market's full fees (the unsigned side pays the taker's).
func (w *World) Close(maker ledger.SignedOrder, q, price int64) ledger.Close {
	t := w.Trade(maker, maker, q, price)
	return ledger.Close{Maker: maker, Quantity: q, Price: price, MakerFee: t.MakerFee, TakerFee: t.TakerFee}
}

// LiquidationScenario is a history at the Sweep capacities (markets BTC and ETH) whose sweeps use
// every liquidation step kind. Every amount the events carry is worked out by hand from
// docs/sequencer.md's rules (the comments), so the model is checked against independent
// arithmetic:
//  1. dave, erin, hank deposit; prices BTC 50,000, ETH 3,000.
//  2. the fund gets 100,000, frank and gina deposit; dave buys 1,000 BTC and gina 100 from erin at
//     50,000 (taker fees 25,000 and 2,500).
//  3. ivan deposits; gina buys 5,000 ETH at 3,000 from hank (3,000) and ivan (2,000) (fees 7,500:
//     gina holds 2,190,000).
//  4. BTC falls to 45,000: dave (equity 975,000 < maintenance 2,250,000) is liquidated: 400 sold to
//     frank's bid at 43,000 (realized -2,800,000, fee 8,600), the fund takes 600 over at 45,000
//     (realized -3,000,000) and receives the surplus 166,400.
//  5. kate and lena buy 1,000 BTC each from hank at 45,000 (fees 22,500); the fund unwinds its 600
//     into erin's bid at 44,900 (realized -60,000, fee 13,470: the fund holds 192,930); ETH is
//     priced again (3,000).
//  6. ETH funding ticks at 0.1% of 3,000 (index 3,000,000: gina owes 15,000, hank receives 9,000,
//     ivan 6,000) and ETH falls to 2,500: gina's equity is -825,000 (BTC -500,000, ETH -2,500,000,
//     funding -15,000); the fund cannot pay it, so it pays its 192,930 and the remaining 632,070
//     moves the price of the first market, BTC, to 45,000 + ceil(632,070 / 100) = 51,321: erin
//     (score 2,500,000, above hank's 0) takes gina's 100; ETH closes at the mark 2,500: hank (score
//     1,500,000) 3,000, then ivan (1,000,000 + 6,000) 2,000; gina keeps 30.
//  7. BTC falls to 40,000: lena sells her 1,000 to erin at 40,000 (realized -5,000,000, fee
//     20,000: collateral -442,500, flat); kate (equity -422,500) is liquidated: 1,000 sold to erin
//     at 38,000, the band's edge (realized -7,000,000, fee 19,000), leaving -2,441,500 that the
//     empty fund cannot pay; then lena, flat and negative: both deficits stay uncovered.
func LiquidationScenario(w *World) []ledger.Batch {
	fund := w.Deposit(ledger.FundAccount, 100_000)
	fund.Key = ledger.Key{}
	b1 := ledger.Batch{Time: 100,
		Oracles: []ledger.OraclePrice{w.Price(BTC, 0, 50_000, 99), w.Price(BTC, 1, 50_000, 99),
			w.Price(ETH, 0, 3_000, 99)},
		Deposits: []ledger.Deposit{w.Deposit(Dave, 6_000_000), w.Deposit(Erin, 60_000_000), w.Deposit(Hank, 60_000_000)},
	}
	erin := w.Order(Erin, BTC, 1, 1, 50_000, 1_100)
	b2 := ledger.Batch{Time: 110,
		Deposits: []ledger.Deposit{fund, w.Deposit(Frank, 60_000_000), w.Deposit(Gina, 2_200_000)},
		Trades: []ledger.Trade{w.Trade(erin, w.Order(Dave, BTC, 1, 0, 50_000, 1_000), 1_000, 50_000),
			w.Trade(erin, w.Order(Gina, BTC, 2, 0, 50_000, 100), 100, 50_000)},
	}
	gina := w.Order(Gina, ETH, 1, 0, 3_000, 5_000)
	b3 := ledger.Batch{Time: 120,
		Deposits: []ledger.Deposit{w.Deposit(Ivan, 60_000_000)},
		Trades: []ledger.Trade{w.Trade(w.Order(Hank, ETH, 1, 1, 3_000, 3_000), gina, 3_000, 3_000),
			w.Trade(w.Order(Ivan, ETH, 1, 1, 3_000, 2_000), gina, 2_000, 3_000)},
	}
	b4 := ledger.Batch{Time: 200,
		Oracles: []ledger.OraclePrice{w.Price(BTC, 0, 45_000, 199), w.Price(BTC, 1, 45_000, 199)},
		Liquidations: []ledger.Liquidation{{Account: Dave,
			Closes:    []ledger.Close{w.Close(w.Order(Frank, BTC, 1, 0, 43_000, 400), 400, 43_000)},
			Takeovers: []ledger.Takeover{{Market: BTC, Quantity: 600, Price: 45_000}},
			Surplus:   166_400}},
	}
	hank := w.Order(Hank, BTC, 2, 1, 45_000, 2_000)
	b5 := ledger.Batch{Time: 250,
		Deposits: []ledger.Deposit{w.Deposit(Kate, 4_600_000), w.Deposit(Lena, 4_600_000)},
		Trades: []ledger.Trade{w.Trade(hank, w.Order(Kate, BTC, 1, 0, 45_000, 1_000), 1_000, 45_000),
			w.Trade(hank, w.Order(Lena, BTC, 1, 0, 45_000, 1_000), 1_000, 45_000)},
		Oracles: []ledger.OraclePrice{w.Price(ETH, 0, 3_000, 249)},
		Unwinds: []ledger.Close{w.Close(w.Order(Erin, BTC, 2, 0, 44_900, 600), 600, 44_900)},
	}
	b6 := ledger.Batch{Time: 300,
		Funding:     []ledger.FundingTick{{Market: ETH, RatePpm: 1_000}},
		Withdrawals: []ledger.Withdrawal{w.Withdraw(Hank, 1_000_000)},
		Oracles: []ledger.OraclePrice{w.Price(ETH, 0, 2_500, 299), w.Price(BTC, 0, 45_000, 299),
			w.Price(BTC, 1, 45_000, 299)},
		Liquidations: []ledger.Liquidation{{Account: Gina, Adl: &ledger.Deleveraging{Covered: 192_930,
			Fills: []ledger.AdlFill{{Counterparty: Erin, Market: BTC, Quantity: 100, Price: 51_321},
				{Counterparty: Hank, Market: ETH, Quantity: 3_000, Price: 2_500},
				{Counterparty: Ivan, Market: ETH, Quantity: 2_000, Price: 2_500}}}}},
	}
	b7 := ledger.Batch{Time: 400,
		Oracles: []ledger.OraclePrice{w.Price(BTC, 0, 40_000, 399), w.Price(BTC, 1, 40_000, 399)},
		Trades: []ledger.Trade{w.Trade(w.Order(Erin, BTC, 3, 0, 40_000, 1_000), w.Order(Lena, BTC, 2, 1, 40_000, 1_000),
			1_000, 40_000)},
		Liquidations: []ledger.Liquidation{
			{Account: Kate, Closes: []ledger.Close{w.Close(w.Order(Erin, BTC, 4, 0, 38_000, 1_000), 1_000, 38_000)},
				Uncovered: 2_441_500},
			{Account: Lena, Uncovered: 442_500}},
	}
	return []ledger.Batch{b1, b2, b3, b4, b5, b6, b7}
}

// Accounts of the bound scenario.
const (
	Olga = 41 // long BTC, taken over by the fund, which then holds its maximum
	Paul = 42 // long BTC, deleveraged because the fund cannot hold more
	Quin = 43 // short BTC
	Rosa = 44 // short BTC, same score as quin (the index breaks the tie)
)

// BoundParams are DefaultParams with maxPosition 1,000 (ten lots).
func BoundParams() ledger.Params {
	p := DefaultParams()
	p.MaxPosition = 1_000
	return p
}

// BoundScenario is a history at the Sweep capacities, BTC only, with BoundParams:
//  1. olga, paul deposit 6,000,000, quin 100,000,000; BTC 50,000.
//  2. the fund gets 10,000,000, rosa deposits; olga buys 1,000 from quin, paul 1,000 from rosa, at
//     50,000 (fees 25,000).
//  3. BTC falls to 45,000: olga (equity 975,000) is taken over by the fund (now long 1,000, its
//     maximum), the surplus 975,000 goes to it; paul (equity 975,000) cannot be: the fund would
//     hold 2,000, so paul is deleveraged at the mark (no deficit) against quin and rosa (both score
//     5,000,000: quin, the lower index, first) and keeps his 975,000.
func BoundScenario(w *World) []ledger.Batch {
	fund := w.Deposit(ledger.FundAccount, 10_000_000)
	fund.Key = ledger.Key{}
	b1 := ledger.Batch{Time: 100,
		Oracles:  []ledger.OraclePrice{w.Price(BTC, 0, 50_000, 99), w.Price(BTC, 1, 50_000, 99)},
		Deposits: []ledger.Deposit{w.Deposit(Olga, 6_000_000), w.Deposit(Paul, 6_000_000), w.Deposit(Quin, 100_000_000)},
	}
	b2 := ledger.Batch{Time: 110,
		Deposits: []ledger.Deposit{fund, w.Deposit(Rosa, 100_000_000)},
		Trades: []ledger.Trade{
			w.Trade(w.Order(Quin, BTC, 1, 1, 50_000, 1_000), w.Order(Olga, BTC, 1, 0, 50_000, 1_000), 1_000, 50_000),
			w.Trade(w.Order(Rosa, BTC, 1, 1, 50_000, 1_000), w.Order(Paul, BTC, 1, 0, 50_000, 1_000), 1_000, 50_000)},
	}
	b3 := ledger.Batch{Time: 200,
		Oracles: []ledger.OraclePrice{w.Price(BTC, 0, 45_000, 199), w.Price(BTC, 1, 45_000, 199)},
		Liquidations: []ledger.Liquidation{
			{Account: Olga, Takeovers: []ledger.Takeover{{Market: BTC, Quantity: 1_000, Price: 45_000}}, Surplus: 975_000},
			{Account: Paul, Adl: &ledger.Deleveraging{Fills: []ledger.AdlFill{
				{Counterparty: Quin, Market: BTC, Quantity: 1_000, Price: 45_000}}}}},
	}
	return []ledger.Batch{b1, b2, b3}
}
