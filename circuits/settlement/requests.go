package settlement

import (
	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/ledger"
)

// Request is one forced withdrawal request slot: the request as the bridge queued it (its queue
// index, record and signature) and the account row it names. What it is paid is computed here.
type Request struct {
	Used       frontend.Variable
	Queue      frontend.Variable // queue index: the first slot's plus the slot's number
	AccountRow frontend.Variable
	Account    frontend.Variable
	Nonce      frontend.Variable
	MaxAmount  frontend.Variable
	Recipient  frontend.Variable
	Signature  Signature
}

// paymentBits bounds |a - b| in the payment's comparisons: collateral, equity and requirement of
// a row whose leaf is range-checked stay far below 2^140 (8 slots of 64-bit size times 64-bit mark).
const paymentBits = 140

// requests serves the forced withdrawal requests, in queue order, after every other change of the
// batch (the liquidation sweep included). Slot j names the request at queue index Queue_0 + j and
// the row of its account (each row at most once). The request is valid when the row's account
// exists, its key signed H(TAG_FORCED, chainId, contract, account + 2^24 nonce + 2^88 maxAmount,
// recipient) and nonce is the account's withdrawal nonce after the batch's withdrawals; a valid
// request settles the account's funding, pays min(maxAmount, max(0, min(collateral, equity -
// initial requirement))) at the batch's marks (its mode's requirement: the portfolio one at the
// batch's risk rows for a portfolio account) and increases the nonce; any other pays 0. Every
// slot's record and payment go to the public data, where the bridge checks the records against
// its queue and credits the payments.
func (b *batch) requests() {
	api := b.api
	used := make([]frontend.Variable, len(b.c.Requests))
	for j := range b.c.Requests {
		used[j] = b.c.Requests[j].Used
	}
	assertPrefix(api, used)
	rowUsed := make([]frontend.Variable, len(b.accountRows))
	for a, r := range b.accountRows {
		rowUsed[a] = r.a.Used
	}
	var count frontend.Variable = 0
	var payments []frontend.Variable
	for j := range b.c.Requests {
		q := &b.c.Requests[j]
		count = api.Add(count, q.Used)
		if j == 0 {
			gadget.Range(api, q.Queue, 64)
			b.requestData = append(b.requestData, q.Queue, 0) // the count is set below
		} else {
			api.AssertIsEqual(q.Queue, api.Add(b.c.Requests[0].Queue, j))
		}
		gadget.Range(api, q.Account, ledger.AccountDepth)
		gadget.Range(api, q.Nonce, 63)
		gadget.Range(api, q.MaxAmount, 63)
		gadget.Range(api, q.Recipient, 160)
		idle := gadget.Not(api, q.Used)
		for _, f := range []frontend.Variable{q.Account, q.Nonce, q.MaxAmount, q.Recipient, q.Signature.R.X,
			q.Signature.R.Y, q.Signature.S} {
			gadget.Implies(api, idle, f)
		}
		sel := gadget.OneHot(api, q.AccountRow, q.Used, len(b.accountRows))
		api.AssertIsEqual(gadget.Dot(api, sel, rowUsed), q.Used)
		row := b.selectRow(sel)
		gadget.Implies(api, q.Used, api.Sub(row.index, q.Account))

		record := pack(api, lane{q.Account, 0}, lane{q.Nonce, 24}, lane{q.MaxAmount, 88})
		msg := b.h.Continue(b.prefixForced, record, q.Recipient)
		// Only an existing account with a key can have signed: the keyless fund exists with the key
		// (0, 0), which is not on the curve (a valid key never has y = 0), and must be paid 0, not
		// make the batch unprovable (anyone can register a request naming account 0).
		keyed := api.Mul(row.exists, gadget.IsNonZero(api, row.keyY))
		signed := b.sig.Check(keyed, gadget.Point{X: row.keyX, Y: row.keyY}, q.Signature.R, q.Signature.S, msg)
		valid := api.Mul(signed, api.IsZero(api.Sub(row.nonce, q.Nonce)))

		free := api.Sub(api.Add(row.collateral, row.value), row.required)
		x := api.Select(gadget.LessOrEqual(api, row.collateral, free, paymentBits), row.collateral, free)
		y := api.Mul(gadget.Not(api, gadget.LessOrEqual(api, x, 0, paymentBits)), x)
		paid := api.Mul(valid, api.Select(gadget.LessOrEqual(api, q.MaxAmount, y, paymentBits), q.MaxAmount, y))
		for a, r := range b.accountRows {
			r.delta = api.Sub(r.delta, api.Mul(sel[a], paid))
			r.requests = api.Add(r.requests, sel[a])
			r.served = api.Add(r.served, api.Mul(sel[a], valid))
		}
		b.requestData = append(b.requestData, record, q.Recipient, q.Signature.R.X, q.Signature.R.Y, q.Signature.S)
		payments = append(payments, paid)
	}
	for _, r := range b.accountRows {
		api.AssertIsBoolean(r.requests) // at most one request per account and batch
	}
	if len(b.c.Requests) > 0 {
		b.requestData[1] = count
		b.requestData = append(b.requestData, payments...)
	}
}

// rowView is what a request slot reads of its account row, after the rest of the batch:
// collateral with every slot's funding settled, the positions' value and initial requirement at
// the batch's marks (the portfolio one for a portfolio account), and the withdrawal nonce after
// the batch's withdrawals.
type rowView struct {
	index, exists, keyX, keyY, nonce frontend.Variable
	collateral, value, required      frontend.Variable
}

// selectRow reads the row a one-hot selection names (all zero when the selection is).
func (b *batch) selectRow(sel []frontend.Variable) rowView {
	api := b.api
	col := func(f func(r *accountRow) frontend.Variable) frontend.Variable {
		var acc frontend.Variable = 0
		for a, r := range b.accountRows {
			acc = api.MulAcc(acc, sel[a], f(r))
		}
		return acc
	}
	v := rowView{index: col(func(r *accountRow) frontend.Variable { return r.a.Index }),
		exists:     col(func(r *accountRow) frontend.Variable { return r.existsEnd }),
		keyX:       col(func(r *accountRow) frontend.Variable { return r.a.Key.X }),
		keyY:       col(func(r *accountRow) frontend.Variable { return r.a.Key.Y }),
		nonce:      col(func(r *accountRow) frontend.Variable { return api.Add(r.a.Nonce, r.withdrawals) }),
		collateral: col(func(r *accountRow) frontend.Variable { return api.Add(r.base(api), r.delta) }),
		value:      0, required: 0}
	var cells [ledger.PositionSlots]cellParts
	for p := range ledger.PositionSlots {
		c := decodeCell(api, col(func(r *accountRow) frontend.Variable { return r.cells[p] }))
		cells[p] = c
		mark := col(func(r *accountRow) frontend.Variable { return gadget.Dot(api, r.slotSel[p], b.colMark) })
		marginPrice := mark
		if b.options() {
			marginPrice = col(func(r *accountRow) frontend.Variable { return gadget.Dot(api, r.slotSel[p], b.colMarginPrice) })
		}
		imr := col(func(r *accountRow) frontend.Variable { return gadget.Dot(api, r.slotSel[p], b.colInitialMargin) })
		v.value = api.Add(v.value, api.Sub(api.Mul(c.size, mark), c.cost))
		v.required = api.Add(v.required, gadget.DivCeilPpm(api, api.Mul(c.abs(api), marginPrice, imr)))
	}
	if b.risk != nil { // a portfolio account is paid down to its portfolio initial requirement
		v.required = b.modeRequirement(sel, cells, 0, v.required)
	}
	return v
}
