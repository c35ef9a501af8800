package settlement

import (
	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/ledger"
)

// accountRow is an account table row as the batch changes it.
type accountRow struct {
	a       *Account
	slotSel [ledger.PositionSlots][]frontend.Variable // one-hot over the market rows and "none"
	slotID  [ledger.PositionSlots]frontend.Variable   // market id of the slot's row (256: none)
	slotIdx [ledger.PositionSlots]frontend.Variable   // that market's funding index after the tick
	owed    [ledger.PositionSlots]frontend.Variable   // funding the slot owes at that index
	// cells hold each slot's (size + 2^63) + 2^64 (cost + 2^63) + 2^128 marketRow as the trades
	// change it: the random-access memory the trade slots read and write by one-hot selection
	cells   [ledger.PositionSlots]frontend.Variable
	touched [ledger.PositionSlots]frontend.Variable // legs on the slot
	held    [ledger.PositionSlots]frontend.Variable // the slot holds a position at the start

	prefix, oldLeaf frontend.Variable
	newLeaf         frontend.Variable   // the leaf settleAccounts writes (0: no account)
	plain           []frontend.Variable // its fields after the key (ledger.Plaintext), for the owner data
	existsEnd       frontend.Variable
	fillsRoot       frontend.Variable // the account's fill tree root as the order rows update it
	delta           frontend.Variable // collateral change from deposits, fills and withdrawals
	credits         frontend.Variable // credited deposits
	increases       frontend.Variable // risk-increasing fills
	withdrawals     frontend.Variable
	requests        frontend.Variable // forced request slots naming the row (at most one)
	served          frontend.Variable // valid ones among them (funding all settled, nonce + 1)
	liquidated      frontend.Variable // liquidation steps that started on the account (funding all settled)
	mode            frontend.Variable // the margin mode as the switch slots leave it
	switches        frontend.Variable // switch slots naming the row

	checked [ledger.PositionSlots]*cellParts // the cells as endChecks decoded them (nil after a sweep)
	sweep   *sweepColumns                    // per-slot market columns the liquidation steps read
}

// loadAccounts decodes each row's account before the batch (each field range-checked, so the
// packed leaf fixes it) and hashes its leaf. An account that does not exist yet starts from the
// defaults: no collateral, nonce 0, empty fill tree, no positions.
func (b *batch) loadAccounts() {
	api := b.api
	nm := len(b.marketRows)
	used := make([]frontend.Variable, len(b.c.Accounts))
	indices := make([]frontend.Variable, len(b.c.Accounts))
	for i := range b.c.Accounts {
		used[i], indices[i] = b.c.Accounts[i].Used, b.c.Accounts[i].Index
	}
	assertPrefix(api, used)
	assertIncreasing(api, used, indices, ledger.AccountDepth)
	for i := range b.c.Accounts {
		a := &b.c.Accounts[i]
		r := &accountRow{a: a, fillsRoot: a.FillsRoot, delta: 0, credits: 0, increases: 0, withdrawals: 0,
			requests: 0, served: 0, liquidated: 0, mode: a.Mode, switches: 0}
		api.AssertIsBoolean(a.Exists)
		gadget.Implies(api, a.Exists, gadget.Not(api, a.Used))
		b.assertMode(a.Mode)
		api.AssertIsEqual(a.Extension, 0) // no extension pages yet
		gadget.Signed(api, a.Collateral)
		gadget.Range(api, a.Nonce, 63)
		fresh := api.Sub(a.Used, a.Exists) // a used row whose account does not exist yet
		gadget.Implies(api, fresh, a.Collateral)
		gadget.Implies(api, fresh, a.Nonce)
		gadget.Implies(api, fresh, api.Sub(a.FillsRoot, emptyFillsRoot))
		b.freshMode(a.Mode, fresh)

		slots := make([]frontend.Variable, ledger.PositionSlots)
		for p := range a.Slots {
			s := &a.Slots[p]
			present := CheckSlot(api, s)
			r.held[p] = present
			gadget.Implies(api, fresh, s.Size)
			slots[p] = api.Mul(present, SlotWord(api, s.Market, s.Size, s.Cost, s.FundingIndex))

			r.slotSel[p] = gadget.OneHot(api, a.SlotMarket[p], a.Used, nm+1)
			b.assertUsedMarket(r.slotSel[p], api.Sub(a.Used, r.slotSel[p][nm])) // a used row or none
			r.slotID[p] = gadget.Dot(api, r.slotSel[p], b.colID)
			r.slotIdx[p] = gadget.Dot(api, r.slotSel[p], b.colIndex)
			gadget.Implies(api, present, api.Sub(s.Market, r.slotID[p]))
			r.cells[p] = pack(api, lane{offset63(api, s.Size), 0}, lane{offset63(api, s.Cost), 64},
				lane{a.SlotMarket[p], 128})
			r.owed[p] = gadget.DivCeilPpm(api, api.Mul(s.Size, api.Sub(r.slotIdx[p], s.FundingIndex)))
			r.touched[p] = 0
		}
		// Two slots never share a market, so a position cannot be split.
		for p := range a.Slots {
			for q := p + 1; q < len(a.Slots); q++ {
				both := api.Mul(api.Sub(a.Used, r.slotSel[p][nm]), api.Sub(a.Used, r.slotSel[q][nm]))
				gadget.Implies(api, both, api.IsZero(api.Sub(a.SlotMarket[p], a.SlotMarket[q])))
			}
		}
		r.prefix = b.h.Hash(tagAccount, a.Key.X, a.Key.Y, a.Blinding, a.Extension)
		word := pack(api, append(b.modeLane(a.Mode), lane{offset63(api, a.Collateral), 0}, lane{a.Nonce, 64})...)
		r.oldLeaf = api.Mul(a.Exists, b.h.Continue(r.prefix, append([]frontend.Variable{word, a.FillsRoot}, slots...)...))
		b.accountRows = append(b.accountRows, r)
	}
}

// CheckSlot range-checks a position slot of a leaf (size, cost and funding index signed 64-bit,
// market 8 bits) and asserts that an empty one (size 0) is all zero, so that the slot's encoding
// fixes its fields; it returns whether the slot holds a position.
func CheckSlot(api frontend.API, s *Slot) frontend.Variable {
	gadget.Signed(api, s.Size)
	gadget.Signed(api, s.Cost)
	gadget.Signed(api, s.FundingIndex)
	gadget.Range(api, s.Market, 8)
	present := gadget.IsNonZero(api, s.Size)
	empty := gadget.Not(api, present)
	gadget.Implies(api, empty, s.Cost)
	gadget.Implies(api, empty, s.Market)
	gadget.Implies(api, empty, s.FundingIndex)
	return present
}

// SlotWord is a non-empty slot's encoding: 2^200 + market + 2^8 (size + 2^63) + 2^72 (cost + 2^63)
// + 2^136 (fundingIndex + 2^63).
func SlotWord(api frontend.API, market, size, cost, fundingIndex frontend.Variable) frontend.Variable {
	return pack(api, lane{1, 200}, lane{market, 0}, lane{offset63(api, size), 8}, lane{offset63(api, cost), 72},
		lane{offset63(api, fundingIndex), 136})
}

// existence decides, after the deposits, which accounts exist at the end of the batch: those that
// existed and those a credited deposit created (with a valid key). An account that does not exist
// has the key (0, 0), which can sign nothing, and an unused row can hold no account.
func (b *batch) existence() {
	api := b.api
	for _, r := range b.accountRows {
		a := r.a
		r.existsEnd = api.Add(a.Exists, api.Mul(gadget.Not(api, a.Exists), gadget.IsNonZero(api, r.credits)))
		gadget.Implies(api, gadget.Not(api, a.Used), r.existsEnd)
		b.sig.AssertValidKey(api.Sub(r.existsEnd, a.Exists), a.Key)
		gone := gadget.Not(api, r.existsEnd)
		gadget.Implies(api, gone, a.Key.X)
		gadget.Implies(api, gone, a.Key.Y)
	}
}

// endChecks are the end-of-batch rules on the trading phase's result (before the liquidation steps,
// which end the batch), at the batch's marks:
//   - an account that withdrew ends with collateral >= 0 (its funding is all settled);
//   - an account that made a risk-increasing fill or withdrew ends with equity >= its initial
//     requirement (the margin rule), equity = collateral - funding owed + sum (size * mark - cost),
//     requirement = sum ceil(|size| * marginPrice * initialMarginPpm / 10^6).
func (b *batch) endChecks() {
	api := b.api
	for _, r := range b.accountRows {
		withdrew := gadget.IsNonZero(api, r.withdrawals)
		needsMargin := gadget.IsNonZero(api, b.needsMargin(r))
		collateral := api.Add(r.base(api), r.delta)
		var value, required frontend.Variable = 0, 0
		for p := range r.cells {
			c := decodeCell(api, r.cells[p])
			r.checked[p] = &c
			mark := gadget.Dot(api, r.slotSel[p], b.colMark)
			imr := gadget.Dot(api, r.slotSel[p], b.colInitialMargin)
			value = api.Add(value, api.Sub(api.Mul(c.size, mark), c.cost))
			required = api.Add(required, gadget.DivCeilPpm(api, api.Mul(c.abs(api), b.marginPriceOf(r.slotSel[p], mark), imr)))
		}
		gadget.AssertNonNegative(api, withdrew, collateral, 63)
		if b.risk != nil { // a portfolio account's requirement is the portfolio one
			required = api.Select(r.mode, b.portfolioRequirement(r), required)
			assertCovers(api, needsMargin, api.Add(collateral, value), required)
			continue
		}
		gadget.AssertNonNegative(api, needsMargin, api.Sub(api.Add(collateral, value), required), 70)
	}
}

// base is the collateral before the batch minus the funding every slot owes: collateral plus the
// batch's changes is then the collateral once all funding is settled (what equity counts).
func (r *accountRow) base(api frontend.API) frontend.Variable {
	return api.Sub(r.a.Collateral, r.owed[0], r.owed[1:]...)
}

// settleAccounts settles funding and writes every row's new leaf: funding is settled (at the
// post-tick index, constant during the batch) for each slot a fill touched and, for an account
// that withdrew, was liquidated or was paid a valid forced request, for every slot. A slot names a market in this batch only if it
// holds a position at the start or a fill uses it: a witness cannot make up slots an account does
// not use (the fund's "no slot for the market" hold of a cover relies on it).
func (b *batch) settleAccounts() frontend.Variable {
	api := b.api
	root := b.c.Header.AccountsRoot
	for _, r := range b.accountRows {
		a := r.a
		settleAll := gadget.IsNonZero(api, api.Add(r.withdrawals, r.liquidated, r.served))
		var settled frontend.Variable = 0
		slots := make([]frontend.Variable, ledger.PositionSlots)
		for p := range a.Slots {
			touched := gadget.IsNonZero(api, r.touched[p])
			assigned := api.Sub(a.Used, r.slotSel[p][len(b.marketRows)])
			gadget.Implies(api, api.Mul(assigned, gadget.Not(api, r.held[p])), gadget.Not(api, touched))
			settle := api.Sub(api.Add(touched, settleAll), api.Mul(touched, settleAll))
			settled = api.MulAcc(settled, settle, r.owed[p])
			c := r.checked[p]
			if c == nil { // the liquidation steps changed the cell after endChecks
				decoded := decodeCell(api, r.cells[p])
				c = &decoded
			}
			fundingIndex := api.Add(a.Slots[p].FundingIndex, api.Mul(settle, api.Sub(r.slotIdx[p], a.Slots[p].FundingIndex)))
			slots[p] = api.Mul(gadget.IsNonZero(api, c.size), SlotWord(api, r.slotID[p], c.size, c.cost, fundingIndex))
		}
		collateral := api.Add(api.Sub(a.Collateral, settled), r.delta)
		gadget.Signed(api, collateral)
		b.fundingPool = api.Add(b.fundingPool, settled)
		nonce := api.Add(a.Nonce, r.withdrawals, r.served)
		gadget.Range(api, nonce, 63)
		word := pack(api, append(b.modeLane(r.mode), lane{offset63(api, collateral), 0}, lane{nonce, 64})...)
		r.plain = append([]frontend.Variable{a.Blinding, word, r.fillsRoot}, slots...)
		r.newLeaf = api.Mul(r.existsEnd, b.h.Continue(r.prefix, r.plain[1:]...))
		root = b.h.MerkleUpdate(a.Used, a.Index, root, r.oldLeaf, r.newLeaf, a.Siblings[:])
	}
	return root
}

// cellParts is a decoded position cell.
type cellParts struct {
	size, cost  frontend.Variable
	nonNegative frontend.Variable // size >= 0
	market      frontend.Variable // the market row (Markets: none)
}

func (c cellParts) abs(api frontend.API) frontend.Variable {
	return api.Mul(api.Sub(api.Mul(2, c.nonNegative), 1), c.size)
}

// decodeCell splits a position cell into size, cost and market row; the 136-bit decomposition
// makes the split unique.
func decodeCell(api frontend.API, cell frontend.Variable) cellParts {
	bits := gadget.Range(api, cell, 136)
	return cellParts{size: api.Sub(api.FromBinary(bits[:64]...), gadget.Two63),
		cost: api.Sub(api.FromBinary(bits[64:128]...), gadget.Two63), nonNegative: bits[63],
		market: api.FromBinary(bits[128:]...)}
}
