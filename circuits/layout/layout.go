// Package layout defines, once, how Sable's state and signed messages become field elements:
// domain tags, the account/position/fill/market leaves and the order/cancel/withdrawal messages.
// docs/state.md describes the same layout in prose; Java (dev.sable.sequencer.state and .crypto)
// matches it bit for bit, checked by the vectors in testdata/vectors.
package layout

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"
)

// Tree depths.
const (
	AccountDepth  = 24 // 16.7M accounts (= stateupdate.Depth)
	PositionDepth = 8  // 256 markets per account
	FillDepth     = 10 // 1024 order-fill slots per account
	MarketDepth   = 8  // 256 markets
)

// Domain tags: the big-endian ASCII bytes of the name, as a field element. Every hashed record
// starts with its tag and has a fixed arity, which is what separates kinds (the Merkle-Damgard
// hasher adds no length padding).
var (
	TagAccount  = Tag("sable.account.v1")
	TagPosition = Tag("sable.position.v1")
	TagFill     = Tag("sable.fill.v1")
	TagMarket   = Tag("sable.market.v1")
	TagOrder    = Tag("sable.order.v1")
	TagCancel   = Tag("sable.cancel.v1")
	TagWithdraw = Tag("sable.withdraw.v1")
	// TagPublicData is the settlement public data's commitment (and a blob's data's: package blob).
	TagPublicData = Tag("sable.pubdata.v1")
)

// Tag turns an ASCII name of at most 31 bytes into a field element.
func Tag(name string) fr.Element {
	if len(name) > 31 {
		panic("tag longer than 31 bytes")
	}
	var e fr.Element
	e.SetBigInt(new(big.Int).SetBytes([]byte(name)))
	return e
}

// Int encodes a signed 64-bit integer: x for x >= 0, r + x for x < 0.
func Int(x int64) fr.Element {
	var e fr.Element
	e.SetBigInt(big.NewInt(x))
	return e
}

// Hash is Poseidon2 Merkle-Damgard over the canonical 32-byte encodings of the elements.
func Hash(elems ...fr.Element) fr.Element {
	h := poseidon2.NewMerkleDamgardHasher()
	for i := range elems {
		b := elems[i].Bytes()
		h.Write(b[:])
	}
	var out fr.Element
	out.SetBytes(h.Sum(nil))
	return out
}

// Commitment is c = H(TAG_PUBDATA, d_0, ..., d_{n-1}): how a circuit commits to the data it
// publishes (the settlement public data, a blob's data).
func Commitment(d []fr.Element) fr.Element {
	return Hash(append([]fr.Element{TagPublicData}, d...)...)
}

// Account is one leaf of the account tree.
type Account struct {
	PubKeyX, PubKeyY fr.Element // owner's EdDSA key (affine), (0,0) for keyless system accounts
	Collateral       int64      // collateral base units, signed (a deficit is negative)
	Nonce            int64      // withdrawal nonce, >= 0
	PositionsRoot    fr.Element // root of the positions tree (depth PositionDepth)
	FillsRoot        fr.Element // root of the fill-slot tree (depth FillDepth)
}

// Leaf is the account's level-0 node in the account tree.
func (a Account) Leaf() fr.Element {
	return Hash(TagAccount, a.PubKeyX, a.PubKeyY, Int(a.Collateral), Int(a.Nonce), a.PositionsRoot, a.FillsRoot)
}

// Position is one leaf of an account's positions tree, at index = market id (the sequencer's
// per-market size, cost and funding index; see docs/sequencer.md).
type Position struct {
	Size         int64 // signed quantity units: > 0 long, < 0 short
	Cost         int64 // signed sum of price * signed quantity of the open position
	FundingIndex int64 // the market's cumulative funding index when funding was last settled
}

// Leaf is 0 for a closed position (size 0), so closing restores the empty tree.
func (p Position) Leaf() fr.Element {
	if p.Size == 0 {
		return fr.Element{}
	}
	return Hash(TagPosition, Int(p.Size), Int(p.Cost), Int(p.FundingIndex))
}

// Fill is one order-fill slot, at index = ClientOrderID mod 2^FillDepth.
type Fill struct {
	ClientOrderID int64 // the last order that used the slot
	Filled        int64 // quantity filled so far; FillClosed after a cancel
}

// FillClosed marks a cancelled order's slot: no further fill fits under any order size.
const FillClosed = int64(1<<63 - 1)

// Leaf of a fill slot.
func (f Fill) Leaf() fr.Element {
	return Hash(TagFill, Int(f.ClientOrderID), Int(f.Filled))
}

// Market is one leaf of the market tree, at index = market id: the sequencer's MarketSpec fields
// the circuit checks, and the market's mark price and funding index. Fractions in ppm (10^6 = 100%).
type Market struct {
	TickSize             int64
	LotSize              int64
	InitialMarginPpm     int64
	MaintenanceMarginPpm int64
	MakerFeePpm          int64 // signed: negative is a rebate
	TakerFeePpm          int64
	MaxPosition          int64
	MaxPrice             int64
	FundingIndex         int64 // cumulative, millionths of a collateral unit per quantity unit, signed
	MarkPrice            int64 // 0 until the first oracle price
}

// Leaf of a market.
func (m Market) Leaf() fr.Element {
	return Hash(TagMarket, Int(m.TickSize), Int(m.LotSize), Int(m.InitialMarginPpm),
		Int(m.MaintenanceMarginPpm), Int(m.MakerFeePpm), Int(m.TakerFeePpm), Int(m.MaxPosition),
		Int(m.MaxPrice), Int(m.FundingIndex), Int(m.MarkPrice))
}

// Domain binds a message to one deployment: the L1 chain id and the bridge contract address.
type Domain struct {
	ChainID  int64
	Contract fr.Element // 160-bit L1 address as an integer
}

// Order is what a trader signs to place an order: the sequencer's PlaceOrder command.
type Order struct {
	AccountIndex  int64
	MarketID      int64
	ClientOrderID int64
	Side          int64 // 0 buy, 1 sell
	Type          int64 // 0 GTC, 1 post-only, 2 IOC, 3 FOK, 4 market
	Price         int64 // collateral units per quantity unit, a multiple of the tick size
	Quantity      int64 // a multiple of the lot size
	ReduceOnly    int64 // 0 or 1
	Expiry        int64 // log time after which the order is cancelled, 0 = none
	Stp           int64 // self-trade prevention: 0 cancel taker, 1 cancel maker, 2 cancel both
}

// Hash is the field element the trader signs.
func (o Order) Hash(d Domain) fr.Element {
	return Hash(TagOrder, Int(d.ChainID), d.Contract, Int(o.AccountIndex), Int(o.MarketID),
		Int(o.ClientOrderID), Int(o.Side), Int(o.Type), Int(o.Price), Int(o.Quantity),
		Int(o.ReduceOnly), Int(o.Expiry), Int(o.Stp))
}

// Cancel is what a trader signs to cancel one order: the sequencer's CancelOrder command.
type Cancel struct {
	AccountIndex  int64
	ClientOrderID int64
}

// Hash is the field element the trader signs.
func (c Cancel) Hash(d Domain) fr.Element {
	return Hash(TagCancel, Int(d.ChainID), d.Contract, Int(c.AccountIndex), Int(c.ClientOrderID))
}

// Withdrawal is what a trader signs to move collateral to an L1 address.
type Withdrawal struct {
	AccountIndex int64
	Amount       int64      // collateral base units, > 0
	Recipient    fr.Element // 160-bit L1 address as an integer
	Nonce        int64      // must equal the account's nonce; the withdrawal increments it
}

// Hash is the field element the trader signs.
func (w Withdrawal) Hash(d Domain) fr.Element {
	return Hash(TagWithdraw, Int(d.ChainID), d.Contract, Int(w.AccountIndex), Int(w.Amount), w.Recipient, Int(w.Nonce))
}
