package batchgen

import "sable/circuits/ledger"

// Portfolio is Options with portfolio-margined accounts (CI's portfolio tests).
var Portfolio = ledger.Capacities{Markets: 3, Oracles: 3, Accounts: 4, Deposits: 3, Orders: 4, Trades: 3,
	Withdrawals: 2, Options: true, Portfolio: true}

// portfolioArrays are the scenario's risk arrays (hand-made, not computed by the sequencer's
// model: the circuit takes them as committed inputs): BTC's at a mark of 50,000 with a 10% range
// (scenario price minus mark, exactly the grid's moves), the call's and put's made up in the shape
// of their payoffs, each with a short minimum of 1% of 50,000.
var portfolioArrays = map[int64]ledger.RiskRow{
	BTC: {Market: BTC, Underlying: BTC, RangePpm: 100_000,
		Pnl: [16]int64{0, 0, 1666, 1666, -1666, -1666, 3333, 3333, -3333, -3333, 5000, 5000, -5000, -5000, 10000, -10000}},
	BTCCall: {Market: BTCCall, Underlying: BTC, ShortMinimum: 500,
		Pnl: [16]int64{300, -300, 1200, 700, -900, -1200, 2400, 1900, -1500, -1700, 3800, 3400, -1850, -1950, 8200, -2000}},
	BTCPut: {Market: BTCPut, Underlying: BTC, ShortMinimum: 500,
		Pnl: [16]int64{300, -300, -900, -1200, 1200, 700, -1500, -1700, 2400, 1900, -1850, -1950, 3800, 3400, -1500, 8200}},
}

// PortfolioRisk returns the scenario's risk rows of the markets, in ascending id order.
func PortfolioRisk(markets ...int64) []ledger.RiskRow {
	out := make([]ledger.RiskRow, len(markets))
	for i, m := range markets {
		out[i] = portfolioArrays[m]
	}
	return out
}

// PortfolioAlice is the account the portfolio scenario puts in portfolio mode after its first
// batch (ledger.State.SetMarginMode).
const PortfolioAlice = 5

// PortfolioScenario: alice (6,000,000), bob and carol come in and BTC gets prices; alice, in
// portfolio mode, buys 1,000 BTC from carol at 50,000 and writes 1,000 calls to bob at 2,000: a
// covered call whose cross requirement (10% of 50M for the perpetual and 10% of the call's margin
// price 50,000 x 1,000: 10,000,000) her equity (about 6,000,000) does not meet, while its portfolio
// requirement does: the book loses 3,150 per unit in the scenario -R/3 x 3 (s12: -5,000 + 1,850),
// more than the extreme's 35% of 8,000, plus the short minimum 500: maintenance 3,650,000, initial
// 4,562,500. Then she withdraws 1,000,000.
func PortfolioScenario(w *World) []ledger.Batch {
	alice, bob, carol := int64(PortfolioAlice), int64(9), int64(12)
	b1 := ledger.Batch{Time: 100,
		Oracles: []ledger.OraclePrice{w.Price(BTC, 0, 50_000, 95), w.Price(BTC, 1, 50_100, 98)},
		Deposits: []ledger.Deposit{w.Deposit(alice, 6_000_000), w.Deposit(bob, 80_000_000),
			w.Deposit(carol, 80_000_000)},
		RiskRows: PortfolioRisk(BTC),
	}
	b2 := ledger.Batch{Time: 130,
		Oracles: []ledger.OraclePrice{w.Price(BTC, 2, 50_050, 125), w.Vol(BTCCall, 0, OptionVol, 120)},
		Trades: []ledger.Trade{
			w.Trade(w.Order(carol, BTC, 1, 1, 50_000, 1_000), w.Order(alice, BTC, 1, 0, 50_000, 1_000), 1_000, 50_000),
			w.Trade(w.Order(alice, BTCCall, 2, 1, 2_000, 1_000), w.Order(bob, BTCCall, 1, 0, 2_000, 1_000), 1_000, 2_000)},
		OptionMarks: []ledger.OptionMark{Mark(BTCCall, 2_000)},
		RiskRows:    PortfolioRisk(BTC, BTCCall),
	}
	b3 := ledger.Batch{Time: 200,
		Oracles:     []ledger.OraclePrice{w.Price(BTC, 0, 50_100, 195)},
		Withdrawals: []ledger.Withdrawal{w.Withdraw(alice, 1_000_000)},
		OptionMarks: []ledger.OptionMark{Mark(BTCCall, 2_000)},
		RiskRows:    PortfolioRisk(BTC, BTCCall),
	}
	return []ledger.Batch{b1, b2, b3}
}

// PortfolioSwitches is Portfolio with two margin-mode switch slots (CI's switch tests).
var PortfolioSwitches = ledger.Capacities{Markets: 3, Oracles: 3, Accounts: 4, Deposits: 3, Orders: 4, Trades: 3,
	Withdrawals: 2, Options: true, Portfolio: true, Switches: 2}

// Switch is the account's signed request to take mode (0 cross, 1 portfolio) under requestID.
func (w *World) Switch(account, mode, requestID int64) ledger.MarginSwitch {
	return w.SwitchAs(account, account, mode, requestID)
}

// SwitchAs signs a margin-mode request for account with signer's key (signer = account for an
// honest one).
func (w *World) SwitchAs(signer, account, mode, requestID int64) ledger.MarginSwitch {
	msg := ledger.MarginModeMessage{Account: account, Mode: mode, RequestID: requestID}
	return ledger.MarginSwitch{MarginModeMessage: msg, Signature: mustSign(w.Trader(signer), msg.Hash(Domain))}
}

// PortfolioSwitchScenario is PortfolioScenario at the PortfolioSwitches capacities with alice's
// mode switched by her signed requests instead of outside any batch: to portfolio margin in the
// batch of her covered call (request 1000), which only the portfolio rule allows, and, after her
// withdrawal, back to cross margin (request 1001) in a fourth batch in which she deposits 6,000,000
// so her equity covers the cross requirement (10% of 1,000 x 50,100 for the perpetual and for the
// calls' margin price).
func PortfolioSwitchScenario(w *World) []ledger.Batch {
	batches := PortfolioScenario(w)
	batches[1].Switches = []ledger.MarginSwitch{w.Switch(PortfolioAlice, ledger.ModePortfolio, 1000)}
	b4 := ledger.Batch{Time: 230,
		Oracles:     []ledger.OraclePrice{w.Price(BTC, 0, 50_100, 225)},
		Deposits:    []ledger.Deposit{w.Deposit(PortfolioAlice, 6_000_000)},
		Switches:    []ledger.MarginSwitch{w.Switch(PortfolioAlice, 0, 1001)},
		OptionMarks: []ledger.OptionMark{Mark(BTCCall, 2_000)},
		RiskRows:    PortfolioRisk(BTC, BTCCall),
	}
	return append(batches, b4)
}

// PortfolioLiquidations is PortfolioSwitches with two liquidation steps and a forced request slot
// (the portfolio liquidation scenario).
var PortfolioLiquidations = ledger.Capacities{Markets: 3, Oracles: 3, Accounts: 4, Deposits: 3, Orders: 4,
	Trades: 3, Withdrawals: 2, Options: true, Portfolio: true, Switches: 2, Steps: 2, Requests: 1}

// PortfolioCarol is the short perpetual the portfolio liquidation scenario liquidates.
const PortfolioCarol = 12

// NarrowBTC is BTC's risk row at a 2% range: a short perpetual loses at most 1,000 a unit, so its
// portfolio maintenance (2%) is below the cross one (5%).
var NarrowBTC = ledger.RiskRow{Market: BTC, Underlying: BTC, RangePpm: 20_000,
	Pnl: [16]int64{0, 0, 333, 333, -333, -333, 666, 666, -666, -666, 1000, 1000, -1000, -1000, 2000, -2000}}

// PortfolioLiquidationScenario is PortfolioSwitchScenario's first two batches (alice switches to
// portfolio margin by her signed request and makes her covered call), then: alice's forced request
// (no upper bound), paid her portfolio free equity 6,075,200 - 4,562,500 = 1,512,700 where the
// cross rule would pay nothing; carol (short 1,000 BTC) withdraws down to an equity of 1,905,000
// and switches to portfolio margin (maintenance 1,000,000 at NarrowBTC, initial 1,250,000, against
// a cross maintenance of 2,505,000); BTC rises to 51,010 and the fund takes carol over
// (PortfolioTakeover): her equity 995,000 is below her portfolio maintenance.
func PortfolioLiquidationScenario(w *World) []ledger.Batch {
	batches := PortfolioSwitchScenario(w)[:3]
	b3 := &batches[2]
	b3.Withdrawals = nil
	b3.Requests = []ledger.ForcedRequest{w.Force(PortfolioAlice, 1<<62)}
	b4 := ledger.Batch{Time: 205, Oracles: []ledger.OraclePrice{w.Price(BTC, 1, 50_100, 200)},
		Withdrawals: []ledger.Withdrawal{w.Withdraw(PortfolioCarol, 78_000_000)},
		Switches:    []ledger.MarginSwitch{w.Switch(PortfolioCarol, ledger.ModePortfolio, 2000)},
		RiskRows:    []ledger.RiskRow{NarrowBTC}}
	return append(batches, b4, PortfolioTakeover(w, 51_010))
}

// PortfolioTakeover is the batch after carol's switch (at time 210) that liquidates her at BTC's
// mark: every source at price when price > 0 (else the mark stays 50,100); the fund takes her
// position over and keeps her rest, 1,905,000 + 1,000 x (50,100 - mark).
func PortfolioTakeover(w *World, price int64) ledger.Batch {
	b := ledger.Batch{Time: 210, RiskRows: []ledger.RiskRow{NarrowBTC}}
	mark := int64(50_100)
	if price > 0 {
		for source := range int64(3) { // every source of the median
			b.Oracles = append(b.Oracles, w.Price(BTC, source, price, 205))
		}
		mark = price
	}
	b.Liquidations = []ledger.Liquidation{{Account: PortfolioCarol, Surplus: 1_905_000 + 1_000*(50_100-mark),
		Takeovers: []ledger.Takeover{{Market: BTC, Quantity: 1_000, Price: mark}}}}
	return b
}
