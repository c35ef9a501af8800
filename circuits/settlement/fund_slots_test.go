package settlement_test

import (
	"testing"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
)

// slotsCaps fit a fund holding positions in eight markets, plus a ninth market.
var slotsCaps = ledger.Capacities{Markets: 9, Oracles: 2, Accounts: 3, Deposits: 2, Orders: 2, Trades: 1,
	Withdrawals: 1, Steps: 4}

// slotsWorld (markets 1-9, BoundParams: maxPosition 1,000) is a history in which the fund takes
// over a long 1,000 in each of markets 1-8: every one of its position slots is used, each at the
// maximum. Each round, a trader buys 1,000 at 50,000 from its own short; the price falls to
// 45,000; the trader (equity 975,000) is taken over and the fund receives 975,000.
func slotsWorld(t *testing.T) (*batchgen.World, int64) {
	t.Helper()
	return takeoversWorld(t, 8)
}

// takeoversWorld is slotsWorld with the fund taking over in markets 1..n only.
func takeoversWorld(t *testing.T, n int64) (*batchgen.World, int64) {
	t.Helper()
	w := batchgen.NewWorldWith(slotsCaps, batchgen.BoundParams(), 1, 2, 3, 4, 5, 6, 7, 8, 9)
	fund := w.Deposit(ledger.FundAccount, 100_000_000)
	fund.Key = ledger.Key{}
	now := int64(10)
	apply := func(b ledger.Batch) {
		t.Helper()
		if _, violations, err := w.Apply(b); err != nil || len(violations) > 0 {
			t.Fatalf("setup batch at %d: %v %v", b.Time, err, violations)
		}
	}
	apply(ledger.Batch{Time: now, Deposits: []ledger.Deposit{fund}})
	for m := int64(1); m <= n; m++ {
		now = longAt50000(t, w, m, 100+m, 200+m, now+100)
		now += 100
		apply(ledger.Batch{Time: now, Oracles: []ledger.OraclePrice{w.Price(m, 0, 45_000, now-1)},
			Liquidations: []ledger.Liquidation{{Account: 100 + m,
				Takeovers: []ledger.Takeover{{Market: m, Quantity: 1_000, Price: 45_000}}, Surplus: 975_000}}})
	}
	return w, now
}

// longAt50000 makes trader long 1,000 in market at 50,000 against short (a batch at time now, the
// market priced at 50,000) and returns the time.
func longAt50000(t *testing.T, w *batchgen.World, market, trader, short, now int64) int64 {
	t.Helper()
	b := ledger.Batch{Time: now, Oracles: []ledger.OraclePrice{w.Price(market, 0, 50_000, now-1)},
		Deposits: []ledger.Deposit{w.Deposit(trader, 6_000_000), w.Deposit(short, 100_000_000)},
		Trades: []ledger.Trade{w.Trade(w.Order(short, market, 1, 1, 50_000, 1_000), w.Order(trader, market, 1, 0, 50_000, 1_000),
			1_000, 50_000)}}
	if _, violations, err := w.Apply(b); err != nil || len(violations) > 0 {
		t.Fatalf("long in market %d: %v %v", market, err, violations)
	}
	return now
}

// deleveragedAt45000 is the batch in which trader, long 1,000 in market at 50,000, falls to 45,000
// and is deleveraged against short at the mark (the fund cannot take it over).
func deleveragedAt45000(w *batchgen.World, market, trader, short, now int64) ledger.Batch {
	return ledger.Batch{Time: now, Oracles: []ledger.OraclePrice{w.Price(market, 0, 45_000, now-1)},
		Liquidations: []ledger.Liquidation{{Account: trader, Adl: &ledger.Deleveraging{Fills: []ledger.AdlFill{
			{Counterparty: short, Market: market, Quantity: 1_000, Price: 45_000}}}}}}
}

// TestFundWithoutASlotDeleverages: the fund holds eight positions, none in market 9, so a trader
// liquidated there is deleveraged (HoldSlots) and keeps his 975,000.
func TestFundWithoutASlotDeleverages(t *testing.T) {
	w, now := slotsWorld(t)
	now = longAt50000(t, w, 9, 109, 209, now+100)
	a, violations := assign(t, w, deleveragedAt45000(w, 9, 109, 209, now+100))
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	if a.Liquidations[1].Hold != ledger.HoldSlots {
		t.Fatalf("the cover's reason is %v, not HoldSlots", a.Liquidations[1].Hold)
	}
	solved(t, a)
}

// TestFundAtItsBoundDeleverages: the fund is long its maximum 1,000 in market 8, so a second long
// liquidated there is deleveraged (HoldBound).
func TestFundAtItsBoundDeleverages(t *testing.T) {
	w, now := slotsWorld(t)
	now = longAt50000(t, w, 8, 118, 218, now+100)
	a, violations := assign(t, w, deleveragedAt45000(w, 8, 118, 218, now+100))
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	if a.Liquidations[1].Hold != ledger.HoldBound {
		t.Fatalf("the cover's reason is %v, not HoldBound", a.Liquidations[1].Hold)
	}
	solved(t, a)
}

// TestAdlClaimingNoSlotWhereTheFundHoldsTheMarketIsRejected: every fund slot is used, but one holds
// market 8, the deleveraged position's: HoldSlots does not apply.
func TestAdlClaimingNoSlotWhereTheFundHoldsTheMarketIsRejected(t *testing.T) {
	w, now := slotsWorld(t)
	now = longAt50000(t, w, 8, 118, 218, now+100)
	a, _ := assign(t, w, deleveragedAt45000(w, 8, 118, 218, now+100))
	a.Liquidations[1].Hold = ledger.HoldSlots
	rejected(t, a, "cover")
}

// TestAdlClaimingAnEmptySlotIsRejected: the market-9 cover names an empty slot of the trader (its
// "market", none, the fund has no slot for).
func TestAdlClaimingAnEmptySlotIsRejected(t *testing.T) {
	w, now := slotsWorld(t)
	now = longAt50000(t, w, 9, 109, 209, now+100)
	a, _ := assign(t, w, deleveragedAt45000(w, 9, 109, 209, now+100))
	a.Liquidations[1].HoldSlot = 1
	rejected(t, a, "cover")
}

// TestAdlClaimingTheBoundOfAnotherMarketIsRejected: the market-9 cover names the fund's full
// position in market 1 as the one that would pass the bound.
func TestAdlClaimingTheBoundOfAnotherMarketIsRejected(t *testing.T) {
	w, now := slotsWorld(t)
	now = longAt50000(t, w, 9, 109, 209, now+100)
	a, _ := assign(t, w, deleveragedAt45000(w, 9, 109, 209, now+100))
	a.Liquidations[1].Hold, a.Liquidations[1].HoldFundSlot = ledger.HoldBound, 0
	rejected(t, a, "cover")
}

// fundLastBatch: in the slots world, a trader buys 500 in market 1 at 50,000 from a short; the fund
// unwinds 500 of its long 1,000 into the short's bid at 50,000 (realized 2,500,000, fee 12,500: it
// holds 110,287,500). Market 1 then rises to 300,000: account 201 (short 1,000 at 50,000 against
// the fund's takeover, collateral 100,005,000) has equity -149,995,000; the fund pays all it holds
// and the rest, 39,707,500, moves the price to 300,000 - 39,708 = 260,292; the counterparties are
// the trader (score 125,000,000) and the fund (last), 500 each; 201 keeps 500. counterparties
// orders them.
func fundLastBatch(t *testing.T, counterparties func(trader int64) []int64) (*batchgen.World, ledger.Batch) {
	t.Helper()
	w, now := slotsWorld(t)
	const trader, short = 301, 302
	apply := func(b ledger.Batch) {
		t.Helper()
		if _, violations, err := w.Apply(b); err != nil || len(violations) > 0 {
			t.Fatal(err, violations)
		}
	}
	now += 100
	apply(ledger.Batch{Time: now, Oracles: []ledger.OraclePrice{w.Price(1, 0, 50_000, now-1)},
		Deposits: []ledger.Deposit{w.Deposit(trader, 6_000_000), w.Deposit(short, 100_000_000)},
		Trades: []ledger.Trade{w.Trade(w.Order(short, 1, 1, 1, 50_000, 500), w.Order(trader, 1, 1, 0, 50_000, 500),
			500, 50_000)}})
	apply(ledger.Batch{Time: now + 10, Unwinds: []ledger.Close{w.Close(w.Order(short, 1, 2, 0, 50_000, 500), 500, 50_000)}})
	now += 100
	var fills []ledger.AdlFill
	for _, c := range counterparties(trader) {
		fills = append(fills, ledger.AdlFill{Counterparty: c, Market: 1, Quantity: 500, Price: 260_292})
	}
	return w, ledger.Batch{Time: now, Oracles: []ledger.OraclePrice{w.Price(1, 0, 300_000, now-1)},
		Liquidations: []ledger.Liquidation{{Account: 201, Adl: &ledger.Deleveraging{Covered: 110_287_500, Fills: fills}}}}
}

// TestFundIsTheLastCounterparty: the fund, whose score is the highest, is deleveraged after the
// trader.
func TestFundIsTheLastCounterparty(t *testing.T) {
	w, b := fundLastBatch(t, func(trader int64) []int64 { return []int64{trader, ledger.FundAccount} })
	a, violations := assign(t, w, b)
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	solved(t, a)
	if acc, _ := w.State.Account(201); acc.Collateral != 500 {
		t.Fatalf("account 201 keeps %d, not 500", acc.Collateral)
	}
}

// TestAdlAgainstTheFundBeforeOthersIsRejected: the fund is deleveraged first.
func TestAdlAgainstTheFundBeforeOthersIsRejected(t *testing.T) {
	w, b := fundLastBatch(t, func(trader int64) []int64 { return []int64{ledger.FundAccount, trader} })
	forged(t, w, b, "adl-rank", "deleverage")
}

// TestAdlClaimingSlotsTheFundDoesNotUseIsRejected: the fund holds markets 1-7 and has a free slot,
// so it must take the trader's market-9 position over; the witness instead names market 8 (in the
// batch for its price) in the fund's free slot, so that all eight look taken, and deleverages.
func TestAdlClaimingSlotsTheFundDoesNotUseIsRejected(t *testing.T) {
	w, now := takeoversWorld(t, 7)
	now = longAt50000(t, w, 9, 109, 209, now+100)
	b := deleveragedAt45000(w, 9, 109, 209, now+100)
	b.Oracles = append(b.Oracles, w.Price(8, 0, 50_000, now+99))
	a, violations := assign(t, w, b)
	violates(t, violations, "adl-allowed")
	market8 := 7 // rows: markets 1-7, then 8, then 9
	a.Accounts[0].SlotMarket[7] = market8
	a.Liquidations[1].Hold, a.Liquidations[1].HoldSlot = ledger.HoldSlots, 0
	rejected(t, a, "settleAccounts")
}
