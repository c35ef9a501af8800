package ledger

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"golang.org/x/crypto/sha3"

	"sable/circuits/layout"
)

// Capacities are the slot counts of one compiled batch circuit; unused slots are no-ops.
type Capacities struct {
	Markets     int // market table rows (every market the batch reads or writes)
	Oracles     int // signed oracle prices
	Accounts    int // account table rows (every account the batch changes)
	Deposits    int
	Orders      int // order table rows (each signed order filled in the batch, once)
	Trades      int // fills
	Withdrawals int
	Steps       int  // liquidation steps (0: the circuit proves no liquidation)
	Requests    int  // forced withdrawal request slots (0: the circuit serves none)
	Options     bool // market rows may be option rows (false: the circuit has no option rows)
	Expiries    int  // expiry steps, with Options (0: the circuit settles no expiry)
	// OwnerData: the circuit publishes the owner-data section (one row per account row; false:
	// none, the layout of the circuits made before it)
	OwnerData bool
	// Portfolio: accounts may be in portfolio mode, checked at risk rows the batch commits to in
	// one last public element (needs Options; false: mode 0 only, the layout before it)
	Portfolio bool
	// Switches: margin-mode switch slots, with Portfolio (0: no batch changes a mode)
	Switches int
	// Blobs: with OwnerData, the owner rows go to this many EIP-4844 blobs (BlobRowsPer rows
	// each, in row order) and the public data holds each blob's versioned hash, challenge and value
	// in their place (BlobSectionLen per blob; 0: the rows are in the public data, the calldata
	// layout)
	Blobs int
}

// Capacity presets: Tiny is the smallest batch with every slot type (CI's real proofs, the bridge's
// fixture); Small fits a few of each (CI's solver tests, the vectors).
var (
	Tiny  = Capacities{Markets: 1, Oracles: 1, Accounts: 2, Deposits: 2, Orders: 2, Trades: 1, Withdrawals: 1}
	Small = Capacities{Markets: 2, Oracles: 3, Accounts: 4, Deposits: 3, Orders: 4, Trades: 3, Withdrawals: 2}
	// Sweep is Small with room for a liquidation sweep (CI's liquidation tests, the forgery suite,
	// liquidation.txt); TinySweep is the smallest with every step kind (CI's real proof).
	Sweep     = Capacities{Markets: 2, Oracles: 3, Accounts: 6, Deposits: 3, Orders: 4, Trades: 3, Withdrawals: 2, Steps: 8}
	TinySweep = Capacities{Markets: 1, Oracles: 1, Accounts: 3, Deposits: 1, Orders: 2, Trades: 1, Withdrawals: 1, Steps: 4}
	// TinyL2Q1 is Tiny with two liquidation steps and one forced request slot (Java
	// Capacities.TINY_L2_Q1), the forced fixture's; with the owner-data section it is the node's
	// default and the demo's circuit (Java Capacities.TINY_L2_Q1_OWNER, by name from the catalog).
	TinyL2Q1 = Capacities{Markets: 1, Oracles: 1, Accounts: 2, Deposits: 2, Orders: 2, Trades: 1, Withdrawals: 1,
		Steps: 2, Requests: 1}
	// TinyM8L2Q1Owner is TinyL2Q1 with the owner-data section and 8 market rows (Java
	// Capacities.TINY_M8_L2_Q1_OWNER, the node's preset for 2 or more listed markets): an account
	// holds positions in at most 8 markets, so it serves the forced requests of any genesis.
	TinyM8L2Q1Owner = Capacities{Markets: 8, Oracles: 1, Accounts: 2, Deposits: 2, Orders: 2, Trades: 1,
		Withdrawals: 1, Steps: 2, Requests: 1, OwnerData: true}
	// Forced is Sweep with three forced request slots (CI's request tests and forgeries).
	Forced = Capacities{Markets: 2, Oracles: 3, Accounts: 6, Deposits: 3, Orders: 4, Trades: 3, Withdrawals: 2,
		Steps: 8, Requests: 3}
	// Owner is Sweep with the owner-data section (CI's owner-data tests and forgeries, the
	// owner-data vectors); TinyOwner is Tiny with it (the real proof and the bridge's fixture).
	Owner = Capacities{Markets: 2, Oracles: 3, Accounts: 6, Deposits: 3, Orders: 4, Trades: 3, Withdrawals: 2,
		Steps: 8, OwnerData: true}
	TinyOwner = Capacities{Markets: 1, Oracles: 1, Accounts: 2, Deposits: 2, Orders: 2, Trades: 1, Withdrawals: 1,
		OwnerData: true}
	// TinyOwnerBlob is TinyOwner with the owner rows in a blob (CI's blob-section tests and
	// forgeries, the real proof and the blob bridge's fixture); TinyOwnerBlob2 puts them in two
	// blobs, one row each (the two-blob fixture).
	TinyOwnerBlob = Capacities{Markets: 1, Oracles: 1, Accounts: 2, Deposits: 2, Orders: 2, Trades: 1,
		Withdrawals: 1, OwnerData: true, Blobs: 1}
	TinyOwnerBlob2 = Capacities{Markets: 1, Oracles: 1, Accounts: 2, Deposits: 2, Orders: 2, Trades: 1,
		Withdrawals: 1, OwnerData: true, Blobs: 2}
)

// Public data element offsets (docs/settlement.md, "Public data").
const (
	PubChainID = iota
	PubContract
	PubBatchNumber
	PubBatchTime
	PubOldRoot
	PubNewRoot
	PubDepositStart
	PubDepositCount
	PubHeaderLen
)

// PublicDataLen is the number of field elements of the public data at these capacities:
// the header, 3 per deposit slot, the refund bits, 1 per withdrawal slot, 1 per market row, 1 per
// liquidation step, then (with request slots) the request section: its first queue index, the
// number served, 5 elements per request slot and 1 payment per slot, then (with OwnerData) the
// owner-data section: OwnerHeaderLen elements and OwnerRowLen per account row (with Blobs: the
// BlobSectionLen elements per blob that bind the rows in the blobs instead).
func (c Capacities) PublicDataLen() int {
	if c.Portfolio {
		return c.RiskAt() + 1
	}
	return c.RiskAt()
}

// RiskAt is the offset of the risk-array commitment (the end of the public data without one).
func (c Capacities) RiskAt() int {
	if !c.OwnerData {
		return c.OwnerDataAt()
	}
	if c.Blobs > 0 {
		return c.OwnerDataAt() + OwnerHeaderLen + BlobSectionLen*c.Blobs
	}
	return c.OwnerDataAt() + OwnerHeaderLen + OwnerRowLen*c.Accounts
}

// OwnerDataAt is the offset of the owner-data section (the end of the public data without one).
func (c Capacities) OwnerDataAt() int {
	return c.RequestsAt() + c.requestSectionLen()
}

// RequestsAt is the offset of the request section (the end of the public data without one).
func (c Capacities) RequestsAt() int {
	return PubHeaderLen + 3*c.Deposits + 1 + c.Withdrawals + c.Markets + c.Steps
}

func (c Capacities) requestSectionLen() int {
	if c.Requests == 0 {
		return 0
	}
	return 2 + 6*c.Requests
}

// RequestElement is account + 2^24 nonce + 2^88 maxAmount: the first of a request's five elements
// in the public data (then recipient, R.x, R.y, S), as the bridge links it into its queue.
func RequestElement(account, nonce, maxAmount int64) fr.Element {
	return Pack(U(account, 0), U(nonce, 24), U(maxAmount, 88))
}

// DepositElement is account + 2^24 amount + 2^88 sender: the first of a deposit's three elements
// (then the key's x and y).
func DepositElement(account, amount int64, sender fr.Element) fr.Element {
	return Pack(U(account, 0), U(amount, 24), F(sender, 88))
}

// WithdrawalElement is recipient + 2^160 amount.
func WithdrawalElement(recipient fr.Element, amount int64) fr.Element {
	return Pack(F(recipient, 0), U(amount, 160))
}

// MarketElement is market + 2^8 ticked + 2^9 markValid + 2^16 (rate + 2^63) + 2^80 mark +
// 2^144 (fundingIndex + 2^63): what traders see of a market after the batch.
func MarketElement(id int64, ticked, valid bool, rate, mark, fundingIndex int64) fr.Element {
	return Pack(U(id, 0), U(boolInt(ticked), 8), U(boolInt(valid), 9), S(rate, 16), U(mark, 80),
		S(fundingIndex, 144))
}

// StepElement is kind + 2^3 end + 2^8 market + 2^16 price + 2^80 (score + 2^63) + 2^144 uncovered:
// what the public learns of a liquidation step. Market, price and score (the counterparty's rank
// key) are those of an ADL fill, 0 for other kinds; uncovered is the deficit nobody paid, at the
// liquidation's end.
func StepElement(kind int, end bool, market, price, score, uncovered int64) fr.Element {
	if kind != StepAdl {
		return Pack(U(int64(kind), 0), U(boolInt(end), 3), U(uncovered, 144))
	}
	return Pack(U(int64(kind), 0), U(boolInt(end), 3), U(market, 8), U(price, 16), S(score, 80), U(uncovered, 144))
}

// Commitment is c = H(TAG_PUBDATA, d_0, ..., d_{n-1}): the circuit's binding of the public data,
// a public input.
func Commitment(d []fr.Element) fr.Element {
	return layout.Commitment(d)
}

// Challenge is z = keccak256(c || d_0 || ... || d_{n-1}) mod r, each element as 32 bytes
// big-endian: what the bridge computes from its calldata.
func Challenge(c fr.Element, d []fr.Element) fr.Element {
	h := sha3.NewLegacyKeccak256()
	for _, e := range append([]fr.Element{c}, d...) {
		b := e.Bytes()
		h.Write(b[:])
	}
	var z fr.Element
	z.SetBigInt(new(big.Int).SetBytes(h.Sum(nil)))
	return z
}

// Evaluate is y = sum d_i z^i (Horner from the last element).
func Evaluate(d []fr.Element, z fr.Element) fr.Element {
	var y fr.Element
	for i := len(d) - 1; i >= 0; i-- {
		y.Mul(&y, &z).Add(&y, &d[i])
	}
	return y
}

// PublicInputs are the circuit's three public inputs, in order: c, z, y.
type PublicInputs struct {
	Commitment fr.Element
	Challenge  fr.Element
	Evaluation fr.Element
}

// Bind computes the public inputs of public data d.
func Bind(d []fr.Element) PublicInputs {
	c := Commitment(d)
	z := Challenge(c, d)
	return PublicInputs{Commitment: c, Challenge: z, Evaluation: Evaluate(d, z)}
}
