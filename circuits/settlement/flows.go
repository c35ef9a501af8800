package settlement

import (
	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
)

// deposits consumes the first Header.Deposits slots, in L1 queue order. A credited deposit adds its
// amount to the account row it names, whose index and key must be the deposit's (an account that
// does not exist yet is created with that key, which must be valid); a refunded one changes
// nothing here and L1 pays it back to its sender. Every slot's record goes to the public data,
// where the bridge checks it against its queue.
func (b *batch) deposits() {
	api, hd := b.api, &b.c.Header
	n := len(b.c.Deposits)
	// used[i] = i < Deposits: a one-hot of the count, summed from the top.
	count := gadget.OneHot(api, hd.Deposits, 1, n+1)
	used := make([]frontend.Variable, n)
	var above frontend.Variable = 0
	for i := n - 1; i >= 0; i-- {
		above = api.Add(above, count[i+1])
		used[i] = above
	}
	b.refundBits = 0
	for i := range b.c.Deposits {
		d := &b.c.Deposits[i]
		u := used[i]
		gadget.Range(api, d.Account, 24)
		gadget.Range(api, d.Amount, 64)
		gadget.Range(api, d.Sender, 160)
		api.AssertIsBoolean(d.Refund)
		idle := gadget.Not(api, u)
		for _, f := range []frontend.Variable{d.Account, d.Amount, d.Sender, d.Key.X, d.Key.Y, d.Refund} {
			gadget.Implies(api, idle, f)
		}
		credit := api.Sub(u, d.Refund)
		sel := gadget.OneHot(api, d.Row, credit, len(b.accountRows))
		var index, keyX, keyY frontend.Variable = 0, 0, 0
		for a, r := range b.accountRows {
			index = api.MulAcc(index, sel[a], r.a.Index)
			keyX = api.MulAcc(keyX, sel[a], r.a.Key.X)
			keyY = api.MulAcc(keyY, sel[a], r.a.Key.Y)
			r.delta = api.MulAcc(r.delta, sel[a], d.Amount)
			r.credits = api.Add(r.credits, sel[a])
		}
		gadget.Implies(api, credit, api.Sub(index, d.Account))
		gadget.Implies(api, credit, api.Sub(keyX, d.Key.X))
		gadget.Implies(api, credit, api.Sub(keyY, d.Key.Y))
		b.refundBits = api.Add(b.refundBits, api.Mul(d.Refund, gadget.Pow2(i)))
	}
	b.existence()
}

// withdrawals checks each signed withdrawal (its account index and nonce taken from the account
// row: the account's nonce plus the earlier withdrawals of the batch) and takes the amount from
// the collateral; the end-of-batch rules then apply to the account.
func (b *batch) withdrawals() {
	api := b.api
	used := make([]frontend.Variable, len(b.c.Withdrawals))
	for i := range b.c.Withdrawals {
		used[i] = b.c.Withdrawals[i].Used
	}
	assertPrefix(api, used)
	for i := range b.c.Withdrawals {
		w := &b.c.Withdrawals[i]
		sel := gadget.OneHot(api, w.AccountRow, w.Used, len(b.accountRows))
		gadget.Range(api, w.Amount, 63)
		gadget.AssertNonNegative(api, w.Used, api.Sub(w.Amount, 1), 63)
		gadget.Range(api, w.Recipient, 160)
		idle := gadget.Not(api, w.Used)
		gadget.Implies(api, idle, w.Amount)
		gadget.Implies(api, idle, w.Recipient)
		var index, nonce, keyX, keyY frontend.Variable = 0, 0, 0, 0
		for a, r := range b.accountRows {
			index = api.MulAcc(index, sel[a], r.a.Index)
			nonce = api.MulAcc(nonce, sel[a], api.Add(r.a.Nonce, r.withdrawals))
			keyX = api.MulAcc(keyX, sel[a], r.a.Key.X)
			keyY = api.MulAcc(keyY, sel[a], r.a.Key.Y)
		}
		msg := b.h.Continue(b.prefixWithdraw, pack(api, lane{index, 0}, lane{nonce, 24}, lane{w.Amount, 88}), w.Recipient)
		b.sig.Verify(w.Used, gadget.Point{X: keyX, Y: keyY}, w.Signature.R, w.Signature.S, msg)
		for a, r := range b.accountRows {
			r.delta = api.Sub(r.delta, api.Mul(sel[a], w.Amount))
			r.withdrawals = api.Add(r.withdrawals, sel[a])
		}
		b.withdrawalData = append(b.withdrawalData, pack(api, lane{w.Recipient, 0}, lane{w.Amount, 160}))
	}
}
