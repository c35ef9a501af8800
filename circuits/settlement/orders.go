package settlement

import (
	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/ledger"
)

// orderRow is an order table row as the trades use it.
type orderRow struct {
	o       *Order
	account []frontend.Variable // one-hot account row
	idBits  []frontend.Variable
	start   frontend.Variable // quantity already filled under this client order id
	filled  frontend.Variable // quantity the batch's trades fill
	// terms packs what a trade reads: side + 2 reduceOnly + 4 postOnly + 8 accountRow +
	// 2^24 marketRow + 2^32 price (one dot product per read instead of six)
	terms frontend.Variable
}

// termsBits is the width of an order row's packed terms.
const termsBits = 32 + 63

// orders verifies each order row once, however often it fills: the owner's signature over the
// order message (its account index and market id taken from the rows it names), ranges, expiry
// against the batch time, and the fill slot rule's start (docs/state.md, fill-slot leaf).
func (b *batch) orders() {
	api, hd := b.api, &b.c.Header
	used := make([]frontend.Variable, len(b.c.Orders))
	for i := range b.c.Orders {
		used[i] = b.c.Orders[i].Used
	}
	assertPrefix(api, used)
	for i := range b.c.Orders {
		o := &b.c.Orders[i]
		r := &orderRow{o: o, filled: 0}
		r.account = gadget.OneHot(api, o.AccountRow, o.Used, len(b.accountRows))
		market := gadget.OneHot(api, o.MarketRow, o.Used, len(b.marketRows))
		b.assertUsedMarket(market, o.Used)
		r.idBits = gadget.Range(api, o.ClientOrderID, 63)
		api.AssertIsBoolean(o.Side)
		gadget.Range(api, o.Type, 3)
		gadget.Range(api, o.Price, 63)
		gadget.Range(api, o.Quantity, 63)
		api.AssertIsBoolean(o.ReduceOnly)
		gadget.Range(api, o.Expiry, 63)
		gadget.Range(api, o.Stp, 2)

		var index, keyX, keyY, id frontend.Variable = 0, 0, 0, 0
		for a, row := range b.accountRows {
			index = api.MulAcc(index, r.account[a], row.a.Index)
			keyX = api.MulAcc(keyX, r.account[a], row.a.Key.X)
			keyY = api.MulAcc(keyY, r.account[a], row.a.Key.Y)
		}
		for j, row := range b.marketRows {
			id = api.MulAcc(id, market[j], row.m.ID)
		}
		w1 := pack(api, lane{index, 0}, lane{id, 24}, lane{o.Side, 32}, lane{o.Type, 33}, lane{o.ReduceOnly, 36},
			lane{o.Stp, 37}, lane{o.ClientOrderID, 39})
		w2 := pack(api, lane{o.Price, 0}, lane{o.Quantity, 64}, lane{o.Expiry, 128})
		b.sig.Verify(o.Used, gadget.Point{X: keyX, Y: keyY}, o.Signature.R, o.Signature.S,
			b.h.Continue(b.prefixOrder, w1, w2))

		noExpiry := api.IsZero(o.Expiry)
		gadget.AssertNonNegative(api, api.Mul(o.Used, gadget.Not(api, noExpiry)), api.Sub(o.Expiry, hd.BatchTime, 1), 63)

		// The slot restarts for a newer id (or when empty), continues for the same id, and refuses an
		// older one: an order can never fill again once a newer order of its account used its slot.
		api.AssertIsBoolean(o.FillEmpty)
		gadget.Range(api, o.FillID, 63)
		gadget.Range(api, o.FillFilled, 63)
		gadget.Implies(api, o.FillEmpty, o.FillID)
		gadget.Implies(api, o.FillEmpty, o.FillFilled)
		held := gadget.Not(api, o.FillEmpty)
		same := api.IsZero(api.Sub(o.FillID, o.ClientOrderID))
		gadget.AssertNonNegative(api, api.Mul(o.Used, held, gadget.Not(api, same)),
			api.Sub(o.ClientOrderID, o.FillID, 1), 63)
		r.start = api.Mul(held, same, o.FillFilled)

		postOnly := api.IsZero(api.Sub(o.Type, ledger.PostOnly))
		r.terms = pack(api, lane{o.Side, 0}, lane{o.ReduceOnly, 1}, lane{postOnly, 2}, lane{o.AccountRow, 3},
			lane{o.MarketRow, 24}, lane{o.Price, 32})
		b.orderRows = append(b.orderRows, r)
	}
}

// fillSlots writes each order row's fill slot after the trades: filled so far plus what the batch
// fills, never above the signed quantity, chained on the account's fill tree (rows of one account
// update it in row order).
func (b *batch) fillSlots() {
	api := b.api
	for _, r := range b.orderRows {
		o := r.o
		// A trade may only name a used order row: an unused one carries no signature.
		gadget.Implies(api, gadget.Not(api, o.Used), r.filled)
		total := api.Add(r.start, r.filled)
		gadget.AssertNonNegative(api, o.Used, api.Sub(o.Quantity, total), 63)
		oldLeaf := api.Mul(gadget.Not(api, o.FillEmpty), b.h.Hash(tagFill, o.FillID, o.FillFilled))
		newLeaf := b.h.Hash(tagFill, o.ClientOrderID, total)
		current := gadget.Dot(api, r.account, b.fillsRoots())
		root := b.h.MerkleUpdateBits(o.Used, r.idBits[:ledger.FillDepth], current, oldLeaf, newLeaf, o.FillSiblings[:])
		for a, row := range b.accountRows {
			row.fillsRoot = api.Add(row.fillsRoot, api.Mul(r.account[a], api.Sub(root, current)))
		}
	}
}

func (b *batch) fillsRoots() []frontend.Variable {
	out := make([]frontend.Variable, len(b.accountRows))
	for a, row := range b.accountRows {
		out[a] = row.fillsRoot
	}
	return out
}
