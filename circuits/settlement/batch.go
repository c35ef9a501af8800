package settlement

import (
	"math/big"

	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/layout"
	"sable/circuits/ledger"
)

// batch carries what the parts of Define share: the gadgets, the market table's derived columns,
// the account table's running values, and the public data being assembled.
type batch struct {
	api frontend.API
	c   *Circuit
	h   *gadget.Hasher
	sig *gadget.EdDSA

	prefixOrder, prefixWithdraw, prefixOracle, prefixForced frontend.Variable
	prefixVolatility                                        frontend.Variable // with option rows only
	oldRoot                                                 frontend.Variable

	marketRows  []*marketRow
	accountRows []*accountRow
	orderRows   []*orderRow
	switchRows  []*switchRow
	// columns of the market table for one-hot reads; index len(markets) is "no market"
	colID, colMark, colValid, colIndex, colInitialMargin []frontend.Variable
	colMaintenanceMargin, colMarginPrice                 []frontend.Variable
	colUsed                                              []frontend.Variable // without "no market"

	feePool, fundingPool frontend.Variable
	withdrawalData       []frontend.Variable
	refundBits           frontend.Variable
	stepData             []frontend.Variable // one element per liquidation step
	requestData          []frontend.Variable // the request section (none without request slots)
	risk                 *riskTable          // the risk rows (Caps.Portfolio; else nil)
	riskCommitment       frontend.Variable
}

func newBatch(api frontend.API, c *Circuit) *batch {
	h := gadget.NewHasher(api)
	return &batch{api: api, c: c, h: h, sig: gadget.NewEdDSA(api, h)}
}

// assertPrefix asserts that the used flags are booleans and form a prefix (used[i] implies
// used[i-1]), so the table's rows are filled from the first.
func assertPrefix(api frontend.API, used []frontend.Variable) {
	for i, u := range used {
		api.AssertIsBoolean(u)
		if i > 0 {
			gadget.Implies(api, u, gadget.Not(api, used[i-1]))
		}
	}
}

// assertIncreasing asserts that keys of used rows strictly increase (keys below 2^bits), so a
// table lists each account or market once.
func assertIncreasing(api frontend.API, used, keys []frontend.Variable, bits int) {
	for i := range keys {
		gadget.Range(api, keys[i], bits)
		if i > 0 {
			gadget.AssertNonNegative(api, used[i], api.Sub(keys[i], keys[i-1], 1), bits)
		}
	}
}

func (b *batch) header() {
	api, hd := b.api, &b.c.Header
	gadget.Range(api, hd.BatchTime, 63)
	gadget.Range(api, api.Sub(hd.BatchTime, hd.Time), 63)
	gadget.Range(api, hd.Deposits, 8)
	b.prefixOrder = b.h.Hash(tagOrder, hd.ChainID, hd.Contract)
	b.prefixWithdraw = b.h.Hash(tagWithdraw, hd.ChainID, hd.Contract)
	b.prefixOracle = b.h.Hash(tagOraclePrice, hd.ChainID, hd.Contract)
	if b.options() {
		b.prefixVolatility = b.h.Hash(tagVolatility, hd.ChainID, hd.Contract)
	}
	if len(b.c.Requests) > 0 {
		b.prefixForced = b.h.Hash(tagForced, hd.ChainID, hd.Contract)
	}
	b.oldRoot = b.h.Hash(tagState, hd.AccountsRoot, hd.MarketsRoot, hd.FeePool, hd.FundingPool,
		hd.Time, hd.DepositCount)
	b.feePool, b.fundingPool = hd.FeePool, hd.FundingPool
}

// assertUsedMarket asserts that a one-hot reference over the market rows (gated) names a used
// row: an unused row's contents are never checked against the market tree.
func (b *batch) assertUsedMarket(sel []frontend.Variable, gate frontend.Variable) {
	b.api.AssertIsEqual(gadget.Dot(b.api, sel[:len(b.colUsed)], b.colUsed), gate)
}

// pack sums value * 2^shift over (value, shift) pairs.
func pack(api frontend.API, lanes ...lane) frontend.Variable {
	var acc frontend.Variable = 0
	for _, l := range lanes {
		acc = api.Add(acc, api.Mul(l.v, gadget.Pow2(int(l.shift))))
	}
	return acc
}

type lane struct {
	v     frontend.Variable
	shift uint
}

// offset63 is x + 2^63, a signed 64-bit value's lane.
func offset63(api frontend.API, x frontend.Variable) frontend.Variable {
	return api.Add(x, gadget.Two63)
}

// withNone appends the "no market" entry to a column.
func withNone(col []frontend.Variable, none frontend.Variable) []frontend.Variable {
	return append(append([]frontend.Variable{}, col...), none)
}

var noMarketID = big.NewInt(ledger.NoMarket)

// Constants of the layout as integers (gnark reads big.Int, not fr.Element).
var (
	tagState        = fe(ledger.TagState)
	tagAccount      = fe(ledger.TagAccount)
	tagMarket       = fe(ledger.TagMarket)
	tagMarketParams = fe(ledger.TagMarketParams)
	tagOracleKeys   = fe(ledger.TagOracleKeys)
	tagOrder        = fe(ledger.TagOrder)
	tagWithdraw     = fe(ledger.TagWithdraw)
	tagOraclePrice  = fe(ledger.TagOraclePrice)
	tagVolatility   = fe(ledger.TagVolatility)
	tagPublicData   = fe(ledger.TagPublicData)
	tagForced       = fe(ledger.TagForced)
	tagMarginMode   = fe(ledger.TagMarginMode)
	tagFill         = fe(layout.TagFill)
	emptyFillsRoot  = fe(ledger.EmptyFillsRoot)
)
