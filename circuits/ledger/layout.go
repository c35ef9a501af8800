// Package ledger is the out-of-circuit reference of Sable's settlement: the global state layout
// (docs/state.md, section 12), the signed messages the batch circuit checks, the settlement rules
// of docs/settlement.md applied to a batch of operations, and the witness the circuit proves.
//
// Every value here is computed exactly as package settlement computes it in the circuit, and as
// Java's batch builder must compute it; testdata/vectors/settlement.txt records whole batches.
package ledger

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/layout"
)

// Layout constants: part of the state format, so Java uses the same values.
const (
	AccountDepth  = 24 // 16.7M accounts
	MarketDepth   = 8  // 256 markets
	FillDepth     = 10 // 1024 order-fill slots per account (layout.Fill leaves)
	PositionSlots = 8  // open positions an account can hold at once
	OracleSources = 8  // oracle sources a market can have
	NoMarket      = 256
)

// Domain tags of the settlement layout (docs/state.md, section 12). The fill-slot leaf keeps
// layout.TagFill.
var (
	TagState        = layout.Tag("sable.state.v1")
	TagAccount      = layout.Tag("sable.account.v2")
	TagMarket       = layout.Tag("sable.market.v2")
	TagMarketParams = layout.Tag("sable.mparams.v1")
	TagOracleKeys   = layout.Tag("sable.okeys.v1")
	TagOrder        = layout.Tag("sable.order.v2")
	TagWithdraw     = layout.Tag("sable.withdraw.v2")
	TagOraclePrice  = layout.Tag("sable.oracle.v1")
	TagVolatility   = layout.Tag("sable.vol.v1")
	TagPublicData   = layout.TagPublicData
	TagForced       = layout.Tag("sable.forced.v1")
)

// Lane is one field of a packed word: an integer placed at a bit offset. Packed words hold
// unsigned lanes as they are and signed 64-bit lanes as x + 2^63 (Offset63).
type Lane struct {
	Value *big.Int
	Shift uint
}

// U is an unsigned lane.
func U(x int64, shift uint) Lane { return Lane{big.NewInt(x), shift} }

// S is a signed 64-bit lane, stored as x + 2^63.
func S(x int64, shift uint) Lane { return Lane{Offset63(x), shift} }

// F is a lane holding a field element's integer value.
func F(x fr.Element, shift uint) Lane {
	var v big.Int
	x.BigInt(&v)
	return Lane{&v, shift}
}

// Offset63 is x + 2^63 as a non-negative integer below 2^64.
func Offset63(x int64) *big.Int { return new(big.Int).SetUint64(uint64(x) ^ 1<<63) }

// Pack sums the lanes into one field element (every packed word stays below 2^253).
func Pack(lanes ...Lane) fr.Element {
	sum := new(big.Int)
	for _, l := range lanes {
		sum.Add(sum, new(big.Int).Lsh(l.Value, l.Shift))
	}
	var e fr.Element
	e.SetBigInt(sum)
	return e
}

// Key is an EdDSA public key in affine coordinates; (0, 0) is no key (it can never sign).
type Key struct{ X, Y fr.Element }

// Position is one position slot of an account: the sequencer's per-market size, cost and funding
// index (docs/sequencer.md, "Positions and realized PnL"). Size 0 is an empty slot.
type Position struct {
	Market       int64
	Size         int64
	Cost         int64
	FundingIndex int64
}

// Encode is 0 for an empty slot and otherwise
// 2^200 + market + 2^8 (size + 2^63) + 2^72 (cost + 2^63) + 2^136 (fundingIndex + 2^63).
func (p Position) Encode() fr.Element {
	if p.Size == 0 {
		return fr.Element{}
	}
	return Pack(U(1, 200), U(p.Market, 0), S(p.Size, 8), S(p.Cost, 72), S(p.FundingIndex, 136))
}

// Account is one leaf of the account tree (v2).
type Account struct {
	Key        Key
	Blinding   fr.Element // hides the leaf's contents when its hash is published; set at creation
	Extension  fr.Element // reserved for more position pages and portfolio-margin data; 0
	Collateral int64
	Nonce      int64 // withdrawal nonce
	Mode       int64 // margin mode, 0 = cross (the only mode so far)
	FillsRoot  fr.Element
	Slots      [PositionSlots]Position
}

// Word packs collateral, nonce and mode: (collateral + 2^63) + 2^64 nonce + 2^128 mode.
func (a *Account) Word() fr.Element {
	return Pack(S(a.Collateral, 0), U(a.Nonce, 64), U(a.Mode, 128))
}

// Leaf is H(TAG_ACCOUNT, pkX, pkY, blinding, extension, word, fillsRoot, slot_0, ..., slot_7): the
// fields that never change come first, so a leaf before and after a change shares that prefix.
func (a *Account) Leaf() fr.Element {
	elems := []fr.Element{TagAccount, a.Key.X, a.Key.Y, a.Blinding, a.Extension, a.Word(), a.FillsRoot}
	for _, s := range a.Slots {
		elems = append(elems, s.Encode())
	}
	return layout.Hash(elems...)
}

// Params are a market's fixed parameters (the sequencer's MarketSpec fields the circuit checks).
type Params struct {
	TickSize             int64
	LotSize              int64
	InitialMarginPpm     int64
	MaintenanceMarginPpm int64
	MakerFeePpm          int64 // signed: negative is a rebate
	TakerFeePpm          int64
	MaxPosition          int64
	MaxPrice             int64
	OracleStaleness      int64
	FundingInterval      int64
	FundingClampPpm      int64
}

// Hash is H(TAG_MARKET_PARAMS, the 11 parameters in declaration order) (signed ones as x mod r).
func (p Params) Hash() fr.Element {
	return layout.Hash(TagMarketParams, layout.Int(p.TickSize), layout.Int(p.LotSize),
		layout.Int(p.InitialMarginPpm), layout.Int(p.MaintenanceMarginPpm), layout.Int(p.MakerFeePpm),
		layout.Int(p.TakerFeePpm), layout.Int(p.MaxPosition), layout.Int(p.MaxPrice),
		layout.Int(p.OracleStaleness), layout.Int(p.FundingInterval), layout.Int(p.FundingClampPpm))
}

// Record is an oracle source's last signed price; Price 0 means the source has no record yet.
type Record struct {
	Price       int64
	PublishTime int64
}

// Encode is price + 2^64 publishTime.
func (r Record) Encode() fr.Element { return Pack(U(r.Price, 0), U(r.PublishTime, 64)) }

// Market is one leaf of the market tree (v2), at index = market id.
type Market struct {
	ID              int64
	Params          Params
	OracleKeys      [OracleSources]Key
	Mark            int64 // 0 until the first oracle price
	FundingIndex    int64
	LastFundingTime int64
	Funded          bool // a funding tick has happened (the first one is never too early)
	Records         [OracleSources]Record
	Option          *OptionTerms // nil for a perpetual
}

// Dynamic packs mark + 2^64 (fundingIndex + 2^63) + 2^128 lastFundingTime + 2^192 funded.
func (m *Market) Dynamic() fr.Element {
	return Pack(U(m.Mark, 0), S(m.FundingIndex, 64), U(m.LastFundingTime, 128), U(boolInt(m.Funded), 192))
}

// KeysHash is H(TAG_ORACLE_KEYS, k0.x, k0.y, ..., k7.x, k7.y).
func (m *Market) KeysHash() fr.Element {
	elems := []fr.Element{TagOracleKeys}
	for _, k := range m.OracleKeys {
		elems = append(elems, k.X, k.Y)
	}
	return layout.Hash(elems...)
}

// Leaf is H(TAG_MARKET, paramsHash, keysHash, dynamic, record_0, ..., record_7).
func (m *Market) Leaf() fr.Element {
	elems := []fr.Element{TagMarket, m.ParamsHash(), m.KeysHash(), m.Dynamic()}
	for _, r := range m.Records {
		elems = append(elems, r.Encode())
	}
	return layout.Hash(elems...)
}

// Root is the global state root H(TAG_STATE, accountsRoot, marketsRoot, feePool, fundingPool,
// time, depositCount) (signed values as x mod r).
func Root(accountsRoot, marketsRoot fr.Element, feePool, fundingPool, time, depositCount int64) fr.Element {
	return layout.Hash(TagState, accountsRoot, marketsRoot, layout.Int(feePool), layout.Int(fundingPool),
		layout.Int(time), layout.Int(depositCount))
}

// Order is what a trader signs to place (or, under a new client order id in the same fill slot,
// amend) an order.
type Order struct {
	Account       int64
	Market        int64
	ClientOrderID int64
	Side          int64 // 0 buy, 1 sell
	Type          int64 // 0 GTC, 1 post-only, 2 IOC, 3 FOK, 4 market
	Price         int64
	Quantity      int64
	ReduceOnly    int64
	Expiry        int64 // 0 = none
	Stp           int64
}

// PostOnly is the order type that may never take liquidity.
const PostOnly = 1

// Words packs the order: w1 = account + 2^24 market + 2^32 side + 2^33 type + 2^36 reduceOnly +
// 2^37 stp + 2^39 clientOrderId, w2 = price + 2^64 quantity + 2^128 expiry.
func (o Order) Words() (fr.Element, fr.Element) {
	w1 := Pack(U(o.Account, 0), U(o.Market, 24), U(o.Side, 32), U(o.Type, 33), U(o.ReduceOnly, 36),
		U(o.Stp, 37), U(o.ClientOrderID, 39))
	w2 := Pack(U(o.Price, 0), U(o.Quantity, 64), U(o.Expiry, 128))
	return w1, w2
}

// Hash is H(TAG_ORDER, chainId, contract, w1, w2).
func (o Order) Hash(d layout.Domain) fr.Element {
	w1, w2 := o.Words()
	return layout.Hash(TagOrder, layout.Int(d.ChainID), d.Contract, w1, w2)
}

// WithdrawalMessage is what a trader signs to withdraw.
type WithdrawalMessage struct {
	Account   int64
	Amount    int64
	Recipient fr.Element // 160-bit L1 address
	Nonce     int64
}

// Hash is H(TAG_WITHDRAW, chainId, contract, account + 2^24 nonce + 2^88 amount, recipient).
func (w WithdrawalMessage) Hash(d layout.Domain) fr.Element {
	return layout.Hash(TagWithdraw, layout.Int(d.ChainID), d.Contract,
		Pack(U(w.Account, 0), U(w.Nonce, 24), U(w.Amount, 88)), w.Recipient)
}

// ForcedHash is H(TAG_FORCED, chainId, contract, account + 2^24 nonce + 2^88 maxAmount, recipient):
// what an owner signs to register a forced withdrawal request of up to Amount on L1.
func (w WithdrawalMessage) ForcedHash(d layout.Domain) fr.Element {
	return layout.Hash(TagForced, layout.Int(d.ChainID), d.Contract,
		Pack(U(w.Account, 0), U(w.Nonce, 24), U(w.Amount, 88)), w.Recipient)
}

// PriceMessage is what an oracle source signs.
type PriceMessage struct {
	Market      int64
	Source      int64
	Price       int64
	PublishTime int64
}

// Hash is H(TAG_ORACLE, chainId, contract, market + 2^8 source + 2^16 price + 2^80 publishTime).
func (p PriceMessage) Hash(d layout.Domain) fr.Element {
	return p.hash(TagOraclePrice, d)
}

// VolatilityHash is H(TAG_VOL, chainId, contract, market + 2^8 source + 2^16 volPpm + 2^80
// publishTime): what a source of an option market signs for a volatility record (Price holds the
// volatility in ppm per year). The tag keeps a price record from passing as a volatility record.
func (p PriceMessage) VolatilityHash(d layout.Domain) fr.Element {
	return p.hash(TagVolatility, d)
}

// HashFor is the message a record of market m is signed over: VolatilityHash for an option
// market, Hash for a perpetual.
func (p PriceMessage) HashFor(m *Market, d layout.Domain) fr.Element {
	if m.Option != nil {
		return p.VolatilityHash(d)
	}
	return p.Hash(d)
}

func (p PriceMessage) hash(tag fr.Element, d layout.Domain) fr.Element {
	return layout.Hash(tag, layout.Int(d.ChainID), d.Contract,
		Pack(U(p.Market, 0), U(p.Source, 8), U(p.Price, 16), U(p.PublishTime, 80)))
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
