package settlement

import (
	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/ledger"
)

// ModeSwitch is one margin-mode switch slot (ledger.SwitchRow; docs/settlement.md "The margin-mode
// switch"): the account row, the mode it asks for, its request id and the owner's signature, and
// the request id's fill slot before the switch with its path in the account's fill tree.
type ModeSwitch struct {
	Used         frontend.Variable
	AccountRow   frontend.Variable
	Mode         frontend.Variable
	RequestID    frontend.Variable
	Signature    Signature
	FillEmpty    frontend.Variable
	FillID       frontend.Variable
	FillFilled   frontend.Variable
	FillSiblings [ledger.FillDepth]frontend.Variable
}

// switchRow is a switch slot as fillSlots chains it.
type switchRow struct {
	s       *ModeSwitch
	account []frontend.Variable // one-hot account row
	idBits  []frontend.Variable
}

// modeSwitches applies the switch slots after the withdrawals, in slot order: each is signed by
// its account's key over H(TAG_MARGIN_MODE, chainId, contract, account, mode, requestId) (an
// account that does not exist has the key (0, 0) and signs nothing), its request id is newer than
// what its fill slot holds (so a signed switch is never replayed), and the account takes the mode
// and falls under the margin rule of that mode at the end checks.
func (b *batch) modeSwitches() {
	slots := b.c.Switches
	if len(slots) == 0 {
		return
	}
	api, hd := b.api, &b.c.Header
	prefix := b.h.Hash(tagMarginMode, hd.ChainID, hd.Contract)
	used := make([]frontend.Variable, len(slots))
	for i := range slots {
		used[i] = slots[i].Used
	}
	assertPrefix(api, used)
	for i := range slots {
		s := &slots[i]
		r := &switchRow{s: s, account: gadget.OneHot(api, s.AccountRow, s.Used, len(b.accountRows))}
		api.AssertIsBoolean(s.Mode)
		r.idBits = gadget.Range(api, s.RequestID, 63)
		var index, keyX, keyY frontend.Variable = 0, 0, 0
		for a, row := range b.accountRows {
			index = api.MulAcc(index, r.account[a], row.a.Index)
			keyX = api.MulAcc(keyX, r.account[a], row.a.Key.X)
			keyY = api.MulAcc(keyY, r.account[a], row.a.Key.Y)
		}
		b.sig.Verify(s.Used, gadget.Point{X: keyX, Y: keyY}, s.Signature.R, s.Signature.S,
			b.h.Continue(prefix, index, s.Mode, s.RequestID))

		// The fill slot: empty, or holding an older id (strictly: a switch never continues a slot).
		api.AssertIsBoolean(s.FillEmpty)
		gadget.Range(api, s.FillID, 63)
		gadget.Range(api, s.FillFilled, 63)
		gadget.Implies(api, s.FillEmpty, s.FillID)
		gadget.Implies(api, s.FillEmpty, s.FillFilled)
		gadget.AssertNonNegative(api, api.Mul(s.Used, gadget.Not(api, s.FillEmpty)), api.Sub(s.RequestID, s.FillID, 1), 63)
		idle := gadget.Not(api, s.Used)
		gadget.Implies(api, idle, s.Mode)
		gadget.Implies(api, idle, s.RequestID)

		for a, row := range b.accountRows {
			row.mode = api.Add(row.mode, api.Mul(r.account[a], api.Sub(s.Mode, row.mode)))
			row.switches = api.Add(row.switches, r.account[a])
		}
		b.switchRows = append(b.switchRows, r)
	}
}

// switchSlots writes each switch's fill slot, (requestId, ledger.ClosedFill), after the order
// rows', chained on its account's fill tree in slot order: no order under that id fills after it.
func (b *batch) switchSlots() {
	api := b.api
	for _, r := range b.switchRows {
		s := r.s
		oldLeaf := api.Mul(gadget.Not(api, s.FillEmpty), b.h.Hash(tagFill, s.FillID, s.FillFilled))
		newLeaf := b.h.Hash(tagFill, s.RequestID, ledger.ClosedFill)
		current := gadget.Dot(api, r.account, b.fillsRoots())
		root := b.h.MerkleUpdateBits(s.Used, r.idBits[:ledger.FillDepth], current, oldLeaf, newLeaf, s.FillSiblings[:])
		for a, row := range b.accountRows {
			row.fillsRoot = api.Add(row.fillsRoot, api.Mul(r.account[a], api.Sub(root, current)))
		}
	}
}

// needsMargin is the row's count of what puts it under the margin rule: risk-increasing fills,
// withdrawals and (with switch slots) margin-mode switches.
func (b *batch) needsMargin(r *accountRow) frontend.Variable {
	if len(b.c.Switches) == 0 {
		return b.api.Add(r.increases, r.withdrawals)
	}
	return b.api.Add(r.increases, r.withdrawals, r.switches)
}

func assignSwitch(r ledger.SwitchRow) ModeSwitch {
	out := ModeSwitch{Used: 1, AccountRow: r.AccountRow, Mode: r.Mode, RequestID: r.RequestID,
		Signature: signature(r.Signature), FillEmpty: flag(r.FillEmpty), FillID: r.Fill.ClientOrderID,
		FillFilled: r.Fill.Filled}
	copyElements(out.FillSiblings[:], r.FillSiblings)
	return out
}
