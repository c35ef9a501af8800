// Package exit is the exit circuit: on a frozen bridge, the owner of an account leaves with its
// equity, proven against the last state root the bridge accepted (docs/bridge.md, "Exits").
//
// The proof shows that the account leaf (v2, docs/state.md section 12) is in that root, that the
// amount is the account's equity with every position valued at the mark and funding index the
// bridge stores for its market (each market's row from the last batch that published it), and
// that the account's owner signed H(TAG_EXIT, chainId, bridge, account, recipient). The bridge
// pays each account at most once.
//
// Public inputs: the commitment c = H(TAG_EXIT_DATA, d), the challenge z and the evaluation
// y = sum d_i z^i of the exit data d = [chainId, bridge, stateRoot, account, recipient, amount,
// row_0, ..., row_7] (row_p: the stored market row of position slot p's market, 0 for an empty
// slot), bound exactly as a settlement batch's public data is (l1-bridge PublicData.sol).
package exit

import (
	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// Name is the circuit's catalog name.
const Name = "exit-d24"

// DataLen is the number of elements of the exit data d.
const DataLen = rowsAt + ledger.PositionSlots

// Offsets in the exit data.
const (
	dChainID = iota
	dContract
	dStateRoot
	dAccount
	dRecipient
	dAmount
	rowsAt
)

// Circuit proves one exit. Everything but the three public inputs is private; the exit data d is
// assembled from the private values and bound to (c, z, y).
type Circuit struct {
	Commitment frontend.Variable `gnark:",public"`
	Challenge  frontend.Variable `gnark:",public"`
	Evaluation frontend.Variable `gnark:",public"`

	ChainID   frontend.Variable
	Contract  frontend.Variable
	Account   frontend.Variable
	Recipient frontend.Variable
	Amount    frontend.Variable

	// The state root's preimage (docs/state.md, "Global state root").
	AccountsRoot frontend.Variable
	MarketsRoot  frontend.Variable
	FeePool      frontend.Variable
	FundingPool  frontend.Variable
	Time         frontend.Variable
	DepositCount frontend.Variable

	// The account leaf and its path in the account tree.
	Key        gadget.Point
	Blinding   frontend.Variable
	Extension  frontend.Variable
	Collateral frontend.Variable
	Nonce      frontend.Variable
	Mode       frontend.Variable
	FillsRoot  frontend.Variable
	Slots      [ledger.PositionSlots]settlement.Slot
	Siblings   [ledger.AccountDepth]frontend.Variable

	// Rows[p] is the market row (ledger.MarketElement) the bridge stores for slot p's market.
	Rows      [ledger.PositionSlots]frontend.Variable
	Signature settlement.Signature // the owner's, on the exit message
}

// Define states the exit. Each step is a method, so a test can tell which one refuses a forgery.
func (c *Circuit) Define(api frontend.API) error {
	h := gadget.NewHasher(api)
	leaf, equity := c.account(api, h)
	stateRoot := c.root(api, h, leaf)
	c.payout(api, equity)
	c.signature(api, h)
	c.bind(h, stateRoot)
	return nil
}

// root folds the leaf into the account tree's root, which must be the preimage's, and returns the
// state root.
func (c *Circuit) root(api frontend.API, h *gadget.Hasher, leaf frontend.Variable) frontend.Variable {
	index := gadget.Range(api, c.Account, ledger.AccountDepth)
	api.AssertIsEqual(h.MerkleRoot(leaf, index, c.Siblings[:]), c.AccountsRoot)
	return h.Hash(tagState, c.AccountsRoot, c.MarketsRoot, c.FeePool, c.FundingPool, c.Time, c.DepositCount)
}

// payout: the amount is the whole equity, at least 1 (an account with nothing to take cannot
// exit), to a 160-bit L1 address.
func (c *Circuit) payout(api frontend.API, equity frontend.Variable) {
	api.AssertIsEqual(c.Amount, equity)
	gadget.Range(api, api.Sub(c.Amount, 1), 63)
	gadget.Range(api, c.Recipient, 160)
}

// signature checks the owner's signature on H(TAG_EXIT, chainId, bridge, account, recipient). The
// key comes from the leaf: a validated key, or (0, 0) for the keyless insurance fund, which is not
// on the curve and so can never exit.
func (c *Circuit) signature(api frontend.API, h *gadget.Hasher) {
	msg := h.Hash(tagExit, c.ChainID, c.Contract, c.Account, c.Recipient)
	gadget.NewEdDSA(api, h).Verify(1, c.Key, c.Signature.R, c.Signature.S, msg)
}

// bind binds the exit data d to the public inputs (c, z, y).
func (c *Circuit) bind(h *gadget.Hasher, stateRoot frontend.Variable) {
	d := append([]frontend.Variable{c.ChainID, c.Contract, stateRoot, c.Account, c.Recipient, c.Amount}, c.Rows[:]...)
	h.BindData(tagExitData, d, c.Commitment, c.Challenge, c.Evaluation)
}

// account decodes the leaf's fields (each range-checked, so the leaf fixes them), hashes the leaf
// and values its positions at the rows' marks: equity = collateral + sum over positions of
// (size * mark - cost - ceil(size * (marketIndex - positionIndex) / 10^6)), the settlement
// circuit's formula with every position's funding owed.
func (c *Circuit) account(api frontend.API, h *gadget.Hasher) (leaf, equity frontend.Variable) {
	// The margin mode (cross 0, portfolio 1) is in the leaf's word but not in the equity: an exit
	// pays what the positions are worth, whichever rule margined them.
	api.AssertIsBoolean(c.Mode)
	api.AssertIsEqual(c.Extension, 0) // no extension pages: the settlement circuit asserts the same
	gadget.Signed(api, c.Collateral)
	gadget.Range(api, c.Nonce, 63)
	word := api.Add(c.Collateral, gadget.Two63, api.Mul(c.Nonce, gadget.Pow2(64)), api.Mul(c.Mode, gadget.Pow2(128)))
	elems := []frontend.Variable{tagAccount, c.Key.X, c.Key.Y, c.Blinding, c.Extension, word, c.FillsRoot}
	equity = c.Collateral
	for p := range c.Slots {
		s := &c.Slots[p]
		present := settlement.CheckSlot(api, s)
		empty := gadget.Not(api, present)
		elems = append(elems, api.Mul(present, settlement.SlotWord(api, s.Market, s.Size, s.Cost, s.FundingIndex)))

		// The row is the stored row of the slot's market; an empty slot takes none.
		market, mark, index := c.decodeRow(api, c.Rows[p])
		gadget.Implies(api, empty, c.Rows[p])
		gadget.Implies(api, present, api.IsZero(c.Rows[p]))
		gadget.Implies(api, present, api.Sub(market, s.Market))
		owed := gadget.DivCeilPpm(api, api.Mul(s.Size, api.Sub(index, s.FundingIndex)))
		equity = api.Add(equity, api.Sub(api.Mul(s.Size, mark), s.Cost, owed))
	}
	return h.Hash(elems...), equity
}

// decodeRow reads a market row, market + 2^8 ticked + 2^9 markValid + 2^10 option + 2^16 (rate +
// 2^63) + 2^80 mark + 2^144 (fundingIndex + 2^63) + 2^208 volPpm + 2^232 rangePpm, from its 252
// bits (so it decodes one way only); the volatility lane is an option row's only, the range lane
// (a portfolio batch's perpetual row: ledger.RangeShift) a perpetual row's only. An option row's mark is its
// committed mark, or once the option has settled its payoff per unit at the stored S (the
// settlement circuit publishes it so: docs/settlement.md "Option expiry"); its funding index is 0.
func (c *Circuit) decodeRow(api frontend.API, row frontend.Variable) (market, mark, fundingIndex frontend.Variable) {
	bits := gadget.Range(api, row, rowWidth)
	option := bits[ledger.OptionElementBit]
	gadget.Implies(api, gadget.Not(api, option), api.FromBinary(bits[ledger.OptionVolShift:ledger.RangeShift]...))
	gadget.Implies(api, option, api.FromBinary(bits[ledger.RangeShift:]...))
	market = api.FromBinary(bits[:8]...)
	mark = api.FromBinary(bits[80:144]...)
	fundingIndex = api.Sub(api.FromBinary(bits[144:208]...), gadget.Two63)
	return market, mark, fundingIndex
}
