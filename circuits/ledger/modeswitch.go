package ledger

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/layout"
)

// Margin-mode switches (Capacities.Switches, with Portfolio; docs/settlement.md "The margin-mode
// switch"): a signed request flips the account's mode bit inside a batch. The request takes its
// request id's fill slot as an order takes its client order id's, but strictly: the slot must be
// empty or hold a smaller id, and it then holds (requestId, ClosedFill), so a signed switch is
// accepted once and never replayed, and no order under its id can fill. An account that switches falls under the margin rule of the mode it ends the
// batch in (the end checks), which is the sequencer's rule that a switch needs equity above the new
// mode's initial requirement. The sequencer's other rule, no open orders, is not in the circuit: it
// cannot see resting orders (docs/settlement.md says why nothing depends on it).

// ClosedFill is the filled amount a switch leaves in its request id's fill slot (Java
// FillSlotLeaf.CLOSED): above any order's quantity, so no order under that id fills.
const ClosedFill = 1<<63 - 1

// TagMarginMode is the margin-mode request's domain tag (Java DomainTag.MARGIN_MODE).
var TagMarginMode = layout.Tag("sable.mmode.v1")

// MarginModeMessage is what a trader signs to switch margin mode (Java MarginModeMessage): Mode 0
// is cross margin, ModePortfolio portfolio margin.
type MarginModeMessage struct {
	Account   int64
	Mode      int64
	RequestID int64
}

// Hash is H(TAG_MARGIN_MODE, chainId, contract, account, mode, requestId): three elements, not
// packed (the layout Java signs).
func (m MarginModeMessage) Hash(d layout.Domain) fr.Element {
	return layout.Hash(TagMarginMode, layout.Int(d.ChainID), d.Contract, layout.Int(m.Account), layout.Int(m.Mode),
		layout.Int(m.RequestID))
}

// MarginSwitch is a signed margin-mode request with its owner's 64-byte signature.
type MarginSwitch struct {
	MarginModeMessage
	Signature []byte
}

// SwitchRow is one switch slot: the request, the account row it names, and its fill slot before
// the batch with the path in the account's fill tree (after the order rows' updates).
type SwitchRow struct {
	MarginModeMessage
	AccountRow   int
	Signature    Signature
	FillEmpty    bool
	Fill         layout.Fill
	FillSiblings []fr.Element
}

// switches applies the batch's margin-mode requests in slot order, after the withdrawals: each
// must be signed by the account's key, name a mode (0 or 1) and a request id its fill slot has not
// seen; the account takes the mode and falls under the margin rule at the end of the batch.
func (a *applier) switches() error {
	if len(a.b.Switches) > 0 && !a.caps.Portfolio {
		return fmt.Errorf("margin-mode switches need a circuit with portfolio margin")
	}
	for _, s := range a.b.Switches {
		row := a.accountRow[s.Account]
		st := a.accounts[row]
		sig, err := ParseSignature(s.Signature)
		if err != nil {
			return fmt.Errorf("margin-mode signature: %w", err)
		}
		if s.RequestID < 0 || s.Mode < 0 {
			return fmt.Errorf("margin-mode request %d of account %d out of range", s.RequestID, s.Account)
		}
		r := SwitchRow{MarginModeMessage: s.MarginModeMessage, AccountRow: row, Signature: sig}
		if !st.exists && !st.credited || !Verify(st.a.Key, s.Signature, s.Hash(a.s.Domain)) {
			a.violate("mode-signature", "margin-mode request %d of account %d", s.RequestID, s.Account)
		}
		if s.Mode != 0 && s.Mode != ModePortfolio {
			a.violate("mode-value", "account %d asks for mode %d", s.Account, s.Mode)
		}
		fs := a.s.fillSlotsOf(s.Account)
		slot := s.RequestID & (1<<FillDepth - 1)
		old, used := fs.slots[slot]
		r.FillEmpty, r.Fill = !used, old
		if used && old.ClientOrderID >= s.RequestID {
			a.violate("mode-replay", "margin-mode request %d of account %d: its fill slot holds %d", s.RequestID,
				s.Account, old.ClientOrderID)
		}
		next := layout.Fill{ClientOrderID: s.RequestID, Filled: ClosedFill}
		fs.slots[slot] = next
		u, err := fs.tree.Set(uint64(slot), next.Leaf())
		if err != nil {
			return err
		}
		r.FillSiblings = u.Siblings
		st.a.FillsRoot = u.NewRoot
		st.a.Mode = s.Mode
		st.needsMargin = true
		a.w.Switches = append(a.w.Switches, r)
	}
	return nil
}
