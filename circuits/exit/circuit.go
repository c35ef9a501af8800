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

// Name is the circuit's catalog name; NameOptions that of the circuit that also values option
// positions (WithOptions).
const (
	Name        = "exit-d24"
	NameOptions = "exit-d24-opt"
)

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

	// Options[p] opens the market leaf of slot p's market when its row is an option row: empty in
	// exit-d24 (whose rows decode in 208 bits, so an option row, volatility at 2^208, is refused),
	// one per slot in exit-d24-opt (WithOptions).
	Options []OptionLeaf
}

// WithOptions is a blank exit-d24-opt circuit.
func WithOptions() *Circuit { return &Circuit{Options: make([]OptionLeaf, ledger.PositionSlots)} }

// OptionLeaf is an option market's leaf in the market tree under the state root (ledger.Market.Leaf)
// but for its mark, which is the row's: H(TAG_MARKET, H(TAG_OPTION_PARAMS, params, underlying,
// kind, strike, expiry, contractSize), keysHash, dynamic, record_0..7), the dynamic element
// holding the option's settled bit and stored settlement price S in its funding lanes
// (docs/settlement.md, "Option expiry").
type OptionLeaf struct {
	Params       [11]frontend.Variable // ledger.Params in declaration order
	Underlying   frontend.Variable
	Kind         frontend.Variable
	Strike       frontend.Variable
	Expiry       frontend.Variable
	ContractSize frontend.Variable
	KeysHash     frontend.Variable
	Settled      frontend.Variable
	Settlement   frontend.Variable // S
	Records      [ledger.OracleSources]frontend.Variable
	Siblings     [ledger.MarketDepth]frontend.Variable
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
	api.AssertIsEqual(c.Mode, 0)      // cross margin, the only mode
	api.AssertIsEqual(c.Extension, 0) // no extension pages: the settlement circuit asserts the same
	gadget.Signed(api, c.Collateral)
	gadget.Range(api, c.Nonce, 63)
	word := api.Add(c.Collateral, gadget.Two63, api.Mul(c.Nonce, gadget.Pow2(64)))
	elems := []frontend.Variable{tagAccount, c.Key.X, c.Key.Y, c.Blinding, c.Extension, word, c.FillsRoot}
	equity = c.Collateral
	for p := range c.Slots {
		s := &c.Slots[p]
		present := settlement.CheckSlot(api, s)
		empty := gadget.Not(api, present)
		elems = append(elems, api.Mul(present, settlement.SlotWord(api, s.Market, s.Size, s.Cost, s.FundingIndex)))

		// The row is the stored row of the slot's market; an empty slot takes none.
		r := c.decodeRow(api, c.Rows[p])
		gadget.Implies(api, empty, c.Rows[p])
		gadget.Implies(api, present, api.IsZero(c.Rows[p]))
		gadget.Implies(api, present, api.Sub(r.market, s.Market))
		price := r.mark
		if len(c.Options) > 0 {
			price = c.optionPrice(api, h, &c.Options[p], r)
		}
		owed := gadget.DivCeilPpm(api, api.Mul(s.Size, api.Sub(r.fundingIndex, s.FundingIndex)))
		equity = api.Add(equity, api.Sub(api.Mul(s.Size, price), s.Cost, owed))
	}
	return h.Hash(elems...), equity
}

// optionPrice is what a unit of a position in row r is worth: the row's mark for a perpetual;
// for an option row (whose leaf must then open under the state's market root, with the row's
// mark), the committed option mark, or, once settled, the payoff at the stored S (the
// settlement circuit's rule). An option row has funding index 0 and its positions cost 0 and
// funding index 0 (settlement circuit), so the rest of the formula adds nothing for it.
func (c *Circuit) optionPrice(api frontend.API, h *gadget.Hasher, o *OptionLeaf, r row) frontend.Variable {
	api.AssertIsBoolean(o.Settled)
	gadget.Range(api, o.Settlement, 63)
	params := h.Continue(h.Hash(append([]frontend.Variable{tagOptionParams}, o.Params[:]...)...),
		o.Underlying, o.Kind, o.Strike, o.Expiry, o.ContractSize)
	leaf := h.Hash(append([]frontend.Variable{tagMarket, params, o.KeysHash,
		settlement.Dynamic(api, r.mark, 0, o.Settlement, o.Settled)}, o.Records[:]...)...)
	gadget.Implies(api, r.option, api.Sub(h.MerkleRoot(leaf, r.marketBits, o.Siblings[:]), c.MarketsRoot))
	payoff := settlement.Payoff(api, o.Settlement, o.Strike, o.Kind, o.ContractSize)
	return api.Add(r.mark, api.Mul(r.option, o.Settled, api.Sub(payoff, r.mark)))
}

// row is a decoded market row.
type row struct {
	market, mark, fundingIndex frontend.Variable
	marketBits                 []frontend.Variable
	option                     frontend.Variable // 0 in exit-d24
}

// decodeRow reads a market row, market + 2^8 ticked + 2^9 markValid + 2^16 (rate + 2^63) +
// 2^80 mark + 2^144 (fundingIndex + 2^63), from its 208 bits (so it decodes one way only); in
// exit-d24-opt also an option row's, the same with 2^10 option + 2^208 volPpm (ledger.OptionVolShift,
// below 2^24): 232 bits, the volatility lane 0 unless the option bit is set.
func (c *Circuit) decodeRow(api frontend.API, element frontend.Variable) row {
	width := ledger.OptionVolShift
	if len(c.Options) > 0 {
		width += ledger.OptionVolBits
	}
	bits := gadget.Range(api, element, width)
	r := row{market: api.FromBinary(bits[:8]...), mark: api.FromBinary(bits[80:144]...),
		fundingIndex: api.Sub(api.FromBinary(bits[144:208]...), gadget.Two63), marketBits: bits[:8], option: 0}
	if len(c.Options) > 0 {
		r.option = bits[ledger.OptionElementBit]
		gadget.Implies(api, gadget.Not(api, r.option), api.FromBinary(bits[ledger.OptionVolShift:]...))
	}
	return r
}
