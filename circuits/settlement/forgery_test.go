package settlement_test

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/test"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// The forged batches below start from the scenario after its first two batches: alice (5) is long
// 600 BTC and short 3,000 ETH, bob (9) holds the opposite, carol (12) has 10M collateral and no
// position, the time is 130. Each breaks one rule of docs/settlement.md; the model must report
// that rule and the circuit must fail in the step that enforces it.
const (
	alice = 5
	bob   = 9
	carol = 12
	now   = 3_800
)

// next is a batch at time 3,800 with fresh prices in both markets (BTC mark 51,400, ETH 2,950).
func next(t *testing.T) (*batchgen.World, ledger.Batch) {
	t.Helper()
	w, batches := world(t, 2)
	return w, ledger.Batch{Time: now, Oracles: batches[2].Oracles}
}

// cross is a maker sell and a taker buy of BTC at 51,000 for q.
func cross(w *batchgen.World, maker, taker, id, q int64) (ledger.SignedOrder, ledger.SignedOrder) {
	return w.Order(maker, batchgen.BTC, id, 1, 51_000, q), w.Order(taker, batchgen.BTC, id, 0, 51_000, q)
}

func TestForgedOrderSignatureIsRejected(t *testing.T) {
	w, b := next(t)
	maker, taker := cross(w, alice, bob, 10, 500)
	taker = w.SignAs(carol, taker.Order)
	b.Trades = []ledger.Trade{w.Trade(maker, taker, 500, 51_000)}
	forged(t, w, b, "order-signature", "orders")
}

func TestFundAccountTradingIsRejected(t *testing.T) {
	w, b := next(t)
	maker, _ := cross(w, alice, bob, 10, 500)
	fund := w.SignAs(carol, ledger.Order{Account: ledger.FundAccount, Market: batchgen.BTC, ClientOrderID: 1,
		Price: 51_000, Quantity: 500})
	b.Trades = []ledger.Trade{w.Trade(maker, fund, 500, 51_000)}
	forged(t, w, b, "order-signature", "orders")
}

func TestFillAboveSignedQuantityIsRejected(t *testing.T) {
	w, b := next(t)
	maker, taker := cross(w, alice, bob, 10, 300)
	b.Trades = []ledger.Trade{w.Trade(maker, taker, 400, 51_000)}
	forged(t, w, b, "overfill", "fillSlots")
}

func TestOrderFilledTwicePastItsQuantityIsRejected(t *testing.T) {
	w, b := next(t)
	maker, toBob := cross(w, alice, bob, 10, 500)
	_, toCarol := cross(w, alice, carol, 10, 500)
	b.Trades = []ledger.Trade{w.Trade(maker, toBob, 300, 51_000), w.Trade(maker, toCarol, 300, 51_000)}
	forged(t, w, b, "overfill", "fillSlots")
}

func TestOrderRefilledInALaterBatchIsRejected(t *testing.T) {
	w, b := next(t)
	bobsAsk := w.Order(bob, batchgen.BTC, 1, 1, 49_990, 600) // filled 600 of 600 in batch 2
	b.Trades = []ledger.Trade{w.Trade(bobsAsk, w.Order(carol, batchgen.BTC, 1, 0, 50_000, 100), 100, 49_990)}
	forged(t, w, b, "overfill", "fillSlots")
}

func TestOlderOrderAfterANewerOneInItsSlotIsRejected(t *testing.T) {
	w, b := next(t)
	newer := w.Order(alice, batchgen.BTC, 1+1024, 0, 50_000, 100) // same fill slot as alice's order 1
	b.Trades = []ledger.Trade{w.Trade(w.Order(bob, batchgen.BTC, 20, 1, 50_000, 100), newer, 100, 50_000)}
	if _, v, err := w.Apply(b); err != nil || len(v) > 0 {
		t.Fatal(err, v)
	}
	older := w.Order(alice, batchgen.BTC, 1, 0, 50_000, 1_000) // 600 of 1,000 filled, slot now taken
	c := ledger.Batch{Time: now + 10, Trades: []ledger.Trade{
		w.Trade(w.Order(bob, batchgen.BTC, 21, 1, 50_000, 100), older, 100, 50_000)}}
	forged(t, w, c, "order-replay", "orders")
}

func TestFillPriceOutsideALimitIsRejected(t *testing.T) {
	w, b := next(t)
	maker, taker := cross(w, alice, bob, 10, 500)
	b.Trades = []ledger.Trade{w.Trade(maker, taker, 500, 51_010)} // above the buyer's 51,000
	forged(t, w, b, "trade-limit", "trades")
}

func TestExpiredOrderIsRejected(t *testing.T) {
	w, b := next(t)
	maker, taker := cross(w, alice, bob, 10, 500)
	o := taker.Order
	o.Expiry = now // expired at the batch time
	b.Trades = []ledger.Trade{w.Trade(maker, w.Sign(o), 500, 51_000)}
	forged(t, w, b, "order-expired", "orders")
}

func TestFeeAboveTheRateIsRejected(t *testing.T) {
	w, b := next(t)
	maker, taker := cross(w, alice, bob, 10, 500)
	tr := w.Trade(maker, taker, 500, 51_000)
	tr.TakerFee++
	b.Trades = []ledger.Trade{tr}
	forged(t, w, b, "trade-fee", "trades")
}

func TestRebateAboveTheTakerFeeIsRejected(t *testing.T) {
	w, b := next(t)
	maker, taker := cross(w, alice, bob, 10, 500)
	tr := w.Trade(maker, taker, 500, 51_000)
	tr.MakerFee = -tr.TakerFee - 1 // within the maker's rate bound, but the fee pool would pay out
	b.Trades = []ledger.Trade{tr}
	a, violations := assign(t, w, b)
	violates(t, violations, "trade-fee")
	rejected(t, a, "trades")
}

func TestReduceOnlyOrderThatGrowsIsRejected(t *testing.T) {
	w, b := next(t)
	o := ledger.Order{Account: alice, Market: batchgen.BTC, ClientOrderID: 10, Price: 51_000, Quantity: 100,
		ReduceOnly: 1} // a buy: alice is long
	b.Trades = []ledger.Trade{w.Trade(w.Order(bob, batchgen.BTC, 10, 1, 51_000, 100), w.Sign(o), 100, 51_000)}
	forged(t, w, b, "reduce-only", "leg")
}

func TestReduceOnlyOrderThatFlipsIsRejected(t *testing.T) {
	w, b := next(t)
	o := ledger.Order{Account: alice, Market: batchgen.BTC, ClientOrderID: 10, Side: 1, Price: 51_000,
		Quantity: 700, ReduceOnly: 1} // alice is long 600
	b.Trades = []ledger.Trade{w.Trade(w.Order(bob, batchgen.BTC, 10, 0, 51_000, 700), w.Sign(o), 700, 51_000)}
	forged(t, w, b, "reduce-only", "leg")
}

func TestTradeBelowTheMarginRuleIsRejected(t *testing.T) {
	w, b := next(t)
	maker, taker := cross(w, alice, carol, 10, 5_000) // 255M notional on 10M collateral
	b.Trades = []ledger.Trade{w.Trade(maker, taker, 5_000, 51_000)}
	forged(t, w, b, "margin", "endChecks")
}

func TestRiskIncreaseWithoutAValidMarkIsRejected(t *testing.T) {
	w, _ := world(t, 2)
	maker, taker := cross(w, alice, carol, 10, 100)
	// No price since 125: at 1,000 every source is stale.
	forged(t, w, ledger.Batch{Time: 1_000, Trades: []ledger.Trade{w.Trade(maker, taker, 100, 51_000)}},
		"mark-invalid", "leg")
}

func TestTradeAcrossMarketsIsRejected(t *testing.T) {
	w, b := next(t)
	maker, _ := cross(w, alice, bob, 10, 100)
	taker := w.Order(bob, batchgen.ETH, 10, 0, 51_000, 100)
	b.Trades = []ledger.Trade{w.Trade(maker, taker, 100, 51_000)}
	forged(t, w, b, "trade-market", "trades")
}

func TestTradeOfTwoBuysIsRejected(t *testing.T) {
	w, b := next(t)
	_, buy := cross(w, alice, bob, 10, 100)
	b.Trades = []ledger.Trade{w.Trade(w.Order(alice, batchgen.BTC, 10, 0, 51_000, 100), buy, 100, 51_000)}
	forged(t, w, b, "trade-side", "trades")
}

func TestPostOnlyOrderTakingLiquidityIsRejected(t *testing.T) {
	w, b := next(t)
	maker, taker := cross(w, alice, bob, 10, 100)
	o := taker.Order
	o.Type = ledger.PostOnly
	b.Trades = []ledger.Trade{w.Trade(maker, w.Sign(o), 100, 51_000)}
	forged(t, w, b, "trade-post-only", "trades")
}

func TestPriceOffTheTickIsRejected(t *testing.T) {
	w, b := next(t)
	maker := w.Order(alice, batchgen.BTC, 10, 1, 51_000, 100)
	taker := w.Order(bob, batchgen.BTC, 10, 0, 51_010, 100)
	b.Trades = []ledger.Trade{w.Trade(maker, taker, 100, 51_005)}
	forged(t, w, b, "trade-price", "trades")
}

func TestQuantityOffTheLotIsRejected(t *testing.T) {
	w, b := next(t)
	maker, taker := cross(w, alice, bob, 10, 500)
	b.Trades = []ledger.Trade{w.Trade(maker, taker, 150, 51_000)}
	forged(t, w, b, "trade-quantity", "trades")
}

func TestPositionAboveTheMaximumIsRejected(t *testing.T) {
	w, b := next(t)
	q := int64(1_099_511_627_800)                 // just above maxPosition = 2^40, a whole number of lots
	maker, taker := cross(w, alice, carol, 10, q) // carol is flat
	b.Trades = []ledger.Trade{w.Trade(maker, taker, q, 51_000)}
	forged(t, w, b, "max-position", "leg")
}

func TestCollateralOverflowIsRejected(t *testing.T) {
	w, b := next(t)
	b.Deposits = []ledger.Deposit{w.Deposit(alice, 1<<63-1)} // alice already holds ~100M
	forged(t, w, b, "range", "settleAccounts")
}

func TestWithdrawalAboveEquityIsRejected(t *testing.T) {
	w, b := next(t)
	b.Withdrawals = []ledger.Withdrawal{w.Withdraw(alice, 99_000_000)} // leaves less than the requirement
	forged(t, w, b, "margin", "endChecks")
}

func TestWithdrawalBeyondCollateralIsRejected(t *testing.T) {
	w, b := next(t)
	b.Withdrawals = []ledger.Withdrawal{w.Withdraw(carol, 10_000_001)}
	forged(t, w, b, "withdrawal-collateral", "endChecks")
}

func TestWithdrawalWithAWrongNonceIsRejected(t *testing.T) {
	w, b := next(t)
	b.Withdrawals = []ledger.Withdrawal{w.WithdrawWithNonce(alice, 1_000, 1)} // the nonce is 0
	forged(t, w, b, "withdrawal-nonce", "withdrawals")
}

func TestDepositUnderAnotherKeyIsRejected(t *testing.T) {
	w, b := next(t)
	d := w.Deposit(alice, 1_000)
	d.Key = ledger.KeyOf(w.Trader(bob))
	b.Deposits = []ledger.Deposit{d}
	forged(t, w, b, "deposit-key", "deposits")
}

func TestNewAccountWithAKeyOutsideTheSubgroupIsRejected(t *testing.T) {
	w, b := next(t)
	d := w.Deposit(77, 1_000)
	// key + (0, -1): on the curve, of order 2l.
	d.Key.X.Neg(&d.Key.X)
	d.Key.Y.Neg(&d.Key.Y)
	b.Deposits = []ledger.Deposit{d}
	forged(t, w, b, "deposit-key", "existence")
}

// TestDepositsOutOfQueueOrderAreRejected: the witness credits the queue's two deposits in the
// other order (which ends in the same state) but must list them in the order it credited them, so
// its public data differs from the queue's: the public inputs of the queue order do not fit it.
func TestDepositsOutOfQueueOrderAreRejected(t *testing.T) {
	w, b := next(t)
	queue := []ledger.Deposit{w.Deposit(alice, 1_000), w.Deposit(bob, 2_000)}
	inOrder := w.State.Clone()
	b.Deposits = queue
	b.Number = inOrder.BatchNumber + 1
	honest, _, err := inOrder.Apply(b, w.Caps)
	if err != nil {
		t.Fatal(err)
	}
	b.Deposits = []ledger.Deposit{queue[1], queue[0]}
	a, violations := assign(t, w, b)
	if len(violations) > 0 || w.State.Root() != inOrder.Root() {
		t.Fatalf("the reordered batch should break no state rule and end in the same state: %v", violations)
	}
	a.Commitment, a.Challenge, a.Evaluation = fe(honest.Public.Commitment), fe(honest.Public.Challenge), fe(honest.Public.Evaluation)
	rejected(t, a, "bindPublicData")
}

// TestSkippedDepositIsRejected: the queue's next deposit is alice's, the witness credits bob's
// (the one after it) in its place; the public data names the record it credited, which is not the
// queue's: the public inputs of the queue's next record do not fit it (and the bridge compares the
// listed records with its queue).
func TestSkippedDepositIsRejected(t *testing.T) {
	w, b := next(t)
	queue := []ledger.Deposit{w.Deposit(alice, 1_000), w.Deposit(bob, 2_000)}
	honest := w.State.Clone()
	b.Deposits = queue[:1]
	b.Number = honest.BatchNumber + 1
	inOrder, _, err := honest.Apply(b, w.Caps)
	if err != nil {
		t.Fatal(err)
	}
	b.Deposits = queue[1:]
	a, violations := assign(t, w, b)
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	a.Commitment, a.Challenge, a.Evaluation = fe(inOrder.Public.Commitment), fe(inOrder.Public.Challenge), fe(inOrder.Public.Evaluation)
	rejected(t, a, "bindPublicData")
}

func TestUnsignedOraclePriceIsRejected(t *testing.T) {
	w, b := next(t)
	b.Oracles[2] = w.PriceAs(batchgen.ETH, 0, 2, 2_950, 3_780) // ETH source 0's key signs for source 2
	forged(t, w, b, "oracle-signature", "oraclePrices")
}

func TestOraclePriceFromTheFutureIsRejected(t *testing.T) {
	w, b := next(t)
	b.Oracles[0] = w.Price(batchgen.BTC, 0, 51_500, now+1)
	forged(t, w, b, "oracle-time", "oraclePrices")
}

func TestOraclePriceNotNewerThanTheSourcesLastIsRejected(t *testing.T) {
	w, b := next(t)
	b.Oracles[2] = w.Price(batchgen.ETH, 2, 2_950, 99) // ETH source 2's last record is from 99
	forged(t, w, b, "oracle-time", "oraclePrices")
}

// TestMarkNotTheMedianIsRejected: a malicious prover hints another mark than the lower median of
// the fresh prices (here the upper median).
func TestMarkNotTheMedianIsRejected(t *testing.T) {
	w, b := next(t)
	a, violations := assign(t, w, b)
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	upper := func(_ *big.Int, in, out []*big.Int) error {
		var prices []*big.Int
		for i := 0; i+1 < len(in); i += 2 {
			if in[i].Sign() != 0 {
				prices = append(prices, in[i+1])
			}
		}
		out[0].SetUint64(0)
		out[1].SetUint64(0)
		if len(prices) > 0 {
			max := prices[0]
			for _, p := range prices {
				if p.Cmp(max) > 0 {
					max = p
				}
			}
			out[0].Set(max)
			out[1].SetInt64(int64(len(prices)-1) / 2)
		}
		return nil
	}
	rejected(t, a, "markAt", test.WithReplacementHint(settlement.LowerMedianHintID(), upper))
}

// TestStalePriceCountedAsFreshIsRejected: a malicious prover answers every comparison "less or
// equal", which would count stale records as fresh.
func TestStalePriceCountedAsFreshIsRejected(t *testing.T) {
	w, b := next(t)
	a, _ := assign(t, w, b)
	always := func(_ *big.Int, _, out []*big.Int) error { out[0].SetUint64(1); return nil }
	rejected(t, a, "markAt", test.WithReplacementHint(settlement.LessOrEqualHintID(), always))
}

func TestFundingRateAboveTheClampIsRejected(t *testing.T) {
	w, b := next(t)
	b.Funding = []ledger.FundingTick{{Market: batchgen.BTC, RatePpm: 2_001}}
	forged(t, w, b, "funding-clamp", "loadMarkets")
}

func TestFundingTickBeforeTheIntervalIsRejected(t *testing.T) {
	w, _ := world(t, 2)
	if _, v, err := w.Apply(ledger.Batch{Time: 200, Funding: []ledger.FundingTick{{Market: batchgen.BTC, RatePpm: 10}}}); err != nil || len(v) > 0 {
		t.Fatal(err, v)
	}
	// The tick above happened at 130; this one would happen at 200.
	forged(t, w, ledger.Batch{Time: 300, Funding: []ledger.FundingTick{{Market: batchgen.BTC, RatePpm: 10}}},
		"funding-interval", "loadMarkets")
}

func TestFundingTickWithoutAValidMarkIsRejected(t *testing.T) {
	w, _ := world(t, 2)
	if _, v, err := w.Apply(ledger.Batch{Time: 1_000}); err != nil || len(v) > 0 {
		t.Fatal(err, v)
	}
	forged(t, w, ledger.Batch{Time: 1_100, Funding: []ledger.FundingTick{{Market: batchgen.BTC, RatePpm: 10}}},
		"funding-mark", "loadMarkets")
}

// TestAccountLeafNotInTheOldRootIsRejected: a row claims one more unit of collateral than its leaf.
func TestAccountLeafNotInTheOldRootIsRejected(t *testing.T) {
	w, b := next(t)
	b.Withdrawals = []ledger.Withdrawal{w.Withdraw(alice, 1_000)}
	a, _ := assign(t, w, b)
	a.Accounts[0].Collateral = new(big.Int).Add(toBig(a.Accounts[0].Collateral), big.NewInt(1))
	rejected(t, a, "settleAccounts")
}

// TestMarketLeafNotInTheOldRootIsRejected: a row claims another last funding time than its leaf.
func TestMarketLeafNotInTheOldRootIsRejected(t *testing.T) {
	w, b := next(t)
	a, _ := assign(t, w, b)
	a.Markets[0].LastFundingTime = 5
	rejected(t, a, "storeMarkets")
}

// TestTradeNamingAnUnsignedOrderRowIsRejected: a trade names an order row that is not used (so its
// signature is never checked), even with the contents of a signed one.
func TestTradeNamingAnUnsignedOrderRowIsRejected(t *testing.T) {
	w, b := next(t)
	maker, taker := cross(w, alice, bob, 10, 500)
	b.Trades = []ledger.Trade{w.Trade(maker, taker, 500, 51_000)}
	a, _ := assign(t, w, b)
	a.Orders[2] = a.Orders[0]
	a.Orders[2].Used = 0
	a.Trades[0].Maker = 2
	rejected(t, a, "fillSlots")
}

func fe(e fr.Element) *big.Int {
	var b big.Int
	e.BigInt(&b)
	return &b
}

func toBig(v interface{}) *big.Int {
	switch x := v.(type) {
	case int64:
		return big.NewInt(x)
	case *big.Int:
		return x
	}
	panic("unexpected variable type")
}

// TestMarginBypassThroughAnUncheckedMarketRowIsRejected: an unused market row's contents are not
// checked against the market tree. A forger copies BTC's row into the unused row 1 with zero
// initial margin and the batch's records, and points the orders and position slots of an
// over-leveraged trade at it: every effect (fees, funding, leaves, public data) is the honest
// one, only the margin check reads the fake rate. Referencing an unused row is refused.
func TestMarginBypassThroughAnUncheckedMarketRowIsRejected(t *testing.T) {
	a := fakeMarketTrade(t)
	rejected(t, a, "loadAccounts")
}

func TestOraclePriceIntoAnUncheckedMarketRowIsRejected(t *testing.T) {
	w, b := next(t)
	b.Oracles = b.Oracles[:2]
	a, _ := assign(t, w, b)
	a.Markets[1] = a.Markets[0]
	a.Markets[1].Used = 0
	a.Oracles[0].MarketRow = 1
	rejected(t, a, "oraclePrices")
}

// fakeMarketTrade is the margin-breaking trade (carol, 10M collateral, buys 5,000 BTC) moved onto
// a zero-margin copy of BTC's market row in the unused row 1.
func fakeMarketTrade(t *testing.T) *settlement.Circuit {
	t.Helper()
	w, b := next(t)
	dave := int64(20)
	b.Oracles = b.Oracles[:2] // BTC only; carol and dave hold no ETH: market row 1 stays unused
	b.Deposits = []ledger.Deposit{w.Deposit(dave, 500_000_000)}
	maker, taker := cross(w, dave, carol, 10, 5_000)
	b.Trades = []ledger.Trade{w.Trade(maker, taker, 5_000, 51_000)}
	a, violations := assign(t, w, b)
	violates(t, violations, "margin")
	if a.Markets[1].Used != 0 {
		t.Fatal("market row 1 is used")
	}
	btc, _ := w.State.Market(batchgen.BTC)
	a.Markets[1] = a.Markets[0]
	a.Markets[1].Used = 0
	a.Markets[1].Params[2] = 0 // initial margin
	for s, r := range btc.Records {
		a.Markets[1].Records[s] = settlement.Record{Price: r.Price, PublishTime: r.PublishTime}
	}
	for o := range a.Orders[:2] {
		a.Orders[o].MarketRow = 1
	}
	for i := range a.Accounts[:2] {
		for p := range a.Accounts[i].SlotMarket {
			if a.Accounts[i].SlotMarket[p] == 0 {
				a.Accounts[i].SlotMarket[p] = 1
			}
		}
	}
	return a
}
