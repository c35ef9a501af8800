package batchgen

import "sable/circuits/ledger"

// Option markets of the option scenario: a call and a put on BTC, struck at 50,000, one
// underlying unit per option unit, expiring at time 1,000,000.
const (
	BTCCall      = 20
	BTCPut       = 21
	OptionStrike = 50_000
	OptionExpiry = 1_000_000
)

// Options is Small with three market rows that may be option rows (CI's option tests).
var Options = ledger.Capacities{Markets: 3, Oracles: 3, Accounts: 4, Deposits: 3, Orders: 4, Trades: 3,
	Withdrawals: 2, Options: true}

// OptionVol is the volatility (ppm per year) the scenarios' volatility sources sign, and
// OptionVolStaleness the options' oracle staleness: a volatility record stays fresh for 100,000
// (volatility sources publish rarely), so one record before the first option fill serves the
// scenarios until the expiry.
const (
	OptionVol          = 500_000
	OptionVolStaleness = 100_000
)

// NewOptionWorld lists BTC (DefaultParams) and a call and a put on it: DefaultParams too, whose
// maxPrice is BTC's times the contract size 1, as the listing rule needs, but with a staleness of
// OptionVolStaleness. Each market has three oracle sources (an option's sign its volatility).
func NewOptionWorld(caps ledger.Capacities) *World {
	return newWorld(caps, func(w *World) []ledger.Market {
		params := DefaultParams()
		params.OracleStaleness = OptionVolStaleness
		call, put := w.market(BTCCall, params), w.market(BTCPut, params)
		call.Option = &ledger.OptionTerms{Underlying: BTC, Kind: ledger.Call, Strike: OptionStrike,
			Expiry: OptionExpiry, ContractSize: 1}
		put.Option = &ledger.OptionTerms{Underlying: BTC, Kind: ledger.Put, Strike: OptionStrike,
			Expiry: OptionExpiry, ContractSize: 1}
		return []ledger.Market{w.market(BTC, DefaultParams()), call, put}
	})
}

// Mark is an option market's valid committed mark, made with the volatility OptionVol its
// sources signed.
func Mark(market, mark int64) ledger.OptionMark {
	return ledger.OptionMark{Market: market, Mark: mark, Valid: true, VolPpm: OptionVol}
}

// NoMark is an option market's committed invalid mark 0 (expired, or no fresh volatility), with
// the volatility OptionVol its sources signed.
func NoMark(market int64) ledger.OptionMark {
	return ledger.OptionMark{Market: market, VolPpm: OptionVol}
}

// Vol signs an option market's volatility record (TAG_VOL) with its source's key.
func (w *World) Vol(market, source, volPpm, publishTime int64) ledger.OraclePrice {
	msg := ledger.PriceMessage{Market: market, Source: source, Price: volPpm, PublishTime: publishTime}
	return ledger.OraclePrice{PriceMessage: msg,
		Signature: mustSign(w.oracles[[2]int64{market, source}], msg.VolatilityHash(Domain))}
}

// OptionScenario: three accounts come in and BTC gets prices; alice writes 1,000 calls to bob at
// 2,000 and buys 500 puts from carol at 1,500 (both options' source 0 signs OptionVol before);
// then bob sells 400 of his calls to carol at 2,100 and alice withdraws. Every option row's mark is
// committed with the batch.
func OptionScenario(w *World) []ledger.Batch {
	alice, bob, carol := int64(5), int64(9), int64(12)
	b1 := ledger.Batch{Time: 100,
		Oracles: []ledger.OraclePrice{w.Price(BTC, 0, 50_000, 95), w.Price(BTC, 1, 50_100, 98)},
		Deposits: []ledger.Deposit{w.Deposit(alice, 100_000_000), w.Deposit(bob, 80_000_000),
			w.Deposit(carol, 10_000_000)},
	}
	b2 := ledger.Batch{Time: 130,
		Oracles: []ledger.OraclePrice{w.Price(BTC, 2, 50_050, 125), w.Vol(BTCCall, 0, OptionVol, 120),
			w.Vol(BTCPut, 0, OptionVol, 120)},
		Trades: []ledger.Trade{
			w.Trade(w.Order(alice, BTCCall, 1, 1, 2_000, 1_000), w.Order(bob, BTCCall, 1, 0, 2_000, 1_000), 1_000, 2_000),
			w.Trade(w.Order(carol, BTCPut, 1, 1, 1_500, 500), w.Order(alice, BTCPut, 2, 0, 1_500, 500), 500, 1_500)},
		OptionMarks: []ledger.OptionMark{Mark(BTCCall, 2_010), Mark(BTCPut, 1_480)},
	}
	b3 := ledger.Batch{Time: 200,
		Oracles: []ledger.OraclePrice{w.Price(BTC, 0, 50_200, 195)},
		Trades: []ledger.Trade{
			w.Trade(w.Order(bob, BTCCall, 2, 1, 2_100, 400), w.Order(carol, BTCCall, 2, 0, 2_100, 400), 400, 2_100)},
		Withdrawals: []ledger.Withdrawal{w.Withdraw(alice, 1_000_000)},
		OptionMarks: []ledger.OptionMark{Mark(BTCCall, 2_100), Mark(BTCPut, 1_400)},
	}
	return []ledger.Batch{b1, b2, b3}
}

// OptionExpiries is Options with six expiry steps (CI's expiry tests).
var OptionExpiries = ledger.Capacities{Markets: 3, Oracles: 3, Accounts: 4, Deposits: 3, Orders: 4, Trades: 3,
	Withdrawals: 2, Options: true, Expiries: 6}

// OptionHolders are the accounts of the option scenario (alice, bob, carol).
var OptionHolders = []int64{5, 9, 12}

// ExpiryBatch is the batch at the options' expiry: BTC's three sources sign s - 100, s and
// s + 100 (mark s, valid), both options are committed without a valid mark (NoMark), and one expiry step
// settles each option position the holders hold, in account order.
func ExpiryBatch(w *World, s int64) ledger.Batch {
	at := int64(OptionExpiry)
	b := ledger.Batch{Time: at,
		Oracles: []ledger.OraclePrice{w.Price(BTC, 0, s-100, at-2), w.Price(BTC, 1, s, at-1),
			w.Price(BTC, 2, s+100, at)},
		OptionMarks: []ledger.OptionMark{NoMark(BTCCall), NoMark(BTCPut)}}
	for _, account := range OptionHolders {
		a, _ := w.State.Account(account)
		for _, slot := range a.Slots {
			if slot.Size != 0 && (slot.Market == BTCCall || slot.Market == BTCPut) {
				b.Expiries = append(b.Expiries, ledger.Expiry{Account: account, Market: slot.Market})
			}
		}
	}
	return b
}
