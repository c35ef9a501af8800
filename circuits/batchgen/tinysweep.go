package batchgen

import "sable/circuits/ledger"

// TinySweepScenario fits TinySweep (one market, BTC; one deposit, two order rows and three account
// rows per batch; four liquidation steps). Batches 1-7 set up positions at 50,000; the batches
// with liquidation steps are 8, 9, 11 and 13, which together use every step kind (CI proves them
// with real Groth16 proofs). Amounts from docs/sequencer.md's rules:
//  1. BTC 50,000 (one source); erin deposits 60,000,000. 2-6. the fund 100,000, dave 6,000,000,
//     frank 60,000,000, gina 600,000, kate 400,000.
//  7. dave buys 1,000 from erin at 50,000 (fee 25,000: dave holds 5,975,000).
//  8. BTC 45,000: dave (equity 975,000, maintenance 2,250,000) is liquidated: 400 sold to frank's
//     bid at 43,000 (realized -2,800,000, fee 8,600), the fund takes 600 over at the mark (realized
//     -3,000,000) and receives the surplus 166,400. Steps: liquidate, close, takeover (end).
//  9. the fund unwinds its 600 into erin's bid at 44,900 (realized -60,000, fee 13,470: the fund
//     holds 192,930). Step: unwind.
//  10. gina buys 100 from erin at 45,000 (fee 2,250: gina holds 597,750).
//  11. BTC 35,000: gina's equity is 597,750 - 1,000,000 = -402,250; the fund cannot pay it, so it
//     pays its 192,930 and the remaining 209,320 moves the price to 35,000 + ceil(209,320 / 100) =
//     37,094: erin, the only short, takes gina's 100 (gina realizes -790,600 and keeps 80). Steps:
//     liquidate, cover, ADL fill (end).
//  12. kate buys 100 from erin at 35,000 (fee 1,750: kate holds 398,250).
//  13. BTC 32,000: kate (equity 98,250, maintenance 160,000) is liquidated: 100 sold to frank's bid
//     at 31,000, inside the band 32,000 - 1,600 (realized -400,000, fee 1,550), leaving -3,300 that
//     the empty fund cannot pay. Steps: liquidate, close, end (uncovered 3,300).
func TinySweepScenario(w *World) []ledger.Batch {
	fund := w.Deposit(ledger.FundAccount, 100_000)
	fund.Key = ledger.Key{}
	deposit := func(time int64, d ledger.Deposit) ledger.Batch {
		return ledger.Batch{Time: time, Deposits: []ledger.Deposit{d}}
	}
	trade := func(time, buyer, id, price, q int64) ledger.Batch {
		return ledger.Batch{Time: time, Trades: []ledger.Trade{
			w.Trade(w.Order(Erin, BTC, id, 1, price, q), w.Order(buyer, BTC, 1, 0, price, q), q, price)}}
	}
	price := func(time, p int64) []ledger.OraclePrice {
		return []ledger.OraclePrice{w.Price(BTC, 0, p, time-1)}
	}
	return []ledger.Batch{
		{Time: 100, Oracles: price(100, 50_000), Deposits: []ledger.Deposit{w.Deposit(Erin, 60_000_000)}},
		deposit(101, fund),
		deposit(102, w.Deposit(Dave, 6_000_000)),
		deposit(103, w.Deposit(Frank, 60_000_000)),
		deposit(104, w.Deposit(Gina, 600_000)),
		deposit(105, w.Deposit(Kate, 400_000)),
		trade(110, Dave, 1, 50_000, 1_000),
		{Time: 200, Oracles: price(200, 45_000), Liquidations: []ledger.Liquidation{{Account: Dave,
			Closes:    []ledger.Close{w.Close(w.Order(Frank, BTC, 1, 0, 43_000, 400), 400, 43_000)},
			Takeovers: []ledger.Takeover{{Market: BTC, Quantity: 600, Price: 45_000}},
			Surplus:   166_400}}},
		{Time: 210, Unwinds: []ledger.Close{w.Close(w.Order(Erin, BTC, 2, 0, 44_900, 600), 600, 44_900)}},
		trade(220, Gina, 3, 45_000, 100),
		{Time: 300, Oracles: price(300, 35_000), Liquidations: []ledger.Liquidation{{Account: Gina,
			Adl: &ledger.Deleveraging{Covered: 192_930, Fills: []ledger.AdlFill{
				{Counterparty: Erin, Market: BTC, Quantity: 100, Price: 37_094}}}}}},
		trade(305, Kate, 4, 35_000, 100),
		{Time: 400, Oracles: price(400, 32_000), Liquidations: []ledger.Liquidation{{Account: Kate,
			Closes:    []ledger.Close{w.Close(w.Order(Frank, BTC, 2, 0, 31_000, 100), 100, 31_000)},
			Uncovered: 3_300}}},
	}
}
