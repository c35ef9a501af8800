package ledger

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/blob"
	"sable/circuits/layout"
)

// Batch is what the sequencer seals: operations in their slot order (docs/settlement.md,
// "Operations").
type Batch struct {
	Number      int64 // the bridge's batch number: previous + 1
	Time        int64 // the batch time: the sequencer's now at the end of the batch
	Funding     []FundingTick
	Oracles     []OraclePrice
	Deposits    []Deposit // the next deposits of the L1 queue, in queue order
	Trades      []Trade
	Withdrawals []Withdrawal
	// Liquidations are the sweep that ends the batch (docs/settlement.md, "Liquidations"), in the
	// sequencer's order; Unwinds are the fund's closing fills that follow them.
	Liquidations []Liquidation
	Unwinds      []Close
	// Requests are the next forced withdrawal requests of the L1 queue, in queue order, served
	// after every other change of the batch (docs/settlement.md, "Forced withdrawal requests").
	Requests []ForcedRequest
	// Ephemeral is the batch's ephemeral scalar e of the owner data (EphemeralScalar), when the
	// capacities have the owner-data section; nil otherwise.
	Ephemeral *big.Int
	// OptionMarks are the sequencer's marks of the batch's option markets at its time: one per
	// option row, committed inputs published in the row's element.
	OptionMarks []OptionMark
	// Expiries are the option positions the batch settles at their expiry (docs/settlement.md,
	// "Option expiry"), applied after the trades.
	Expiries []Expiry
	// RiskRows are the risk arrays of the batch's markets (Capacities.Portfolio): one per market
	// row, committed inputs bound by the public data's last element.
	RiskRows []RiskRow
	// Switches are the batch's margin-mode requests (Capacities.Switches), applied after the
	// withdrawals in this order.
	Switches []MarginSwitch
}

// ForcedRequest is a forced withdrawal request as the bridge queued it: the message (Amount is the
// request's maxAmount, Nonce the nonce it names) and the owner's signature over its ForcedHash,
// decoded as L1 holds it (any R coordinates below r, S below l).
type ForcedRequest struct {
	WithdrawalMessage
	Signature Signature
}

// Liquidation is one liquidated account's events, in the sequencer's order: its close-into-book
// fills, then either the fund's takeovers or auto-deleveraging (or neither, when the book closed
// everything), then the final transfers. Amounts are the events' amounts; the rules decide
// whether they are right.
type Liquidation struct {
	Account   int64
	Closes    []Close
	Takeovers []Takeover
	Adl       *Deleveraging // nil unless the account is auto-deleveraged
	Surplus   int64         // InsuranceSurplus: the rest of a taken-over account to the fund
	Covered   int64         // the last DeficitCovered: the fund pays the flat account's negative collateral
	Uncovered int64         // UncoveredDeficit: what nobody could pay
}

// Close is a fill of an unsigned order (the liquidated account's, or the fund's when it unwinds)
// against a resting signed order; the unsigned side pays TakerFee.
type Close struct {
	Maker    SignedOrder
	Quantity int64
	Price    int64
	MakerFee int64
	TakerFee int64
}

// Takeover is the fund taking over the account's whole position in a market at the mark.
type Takeover struct {
	Market   int64
	Quantity int64 // the position's size (unsigned)
	Price    int64
}

// Deleveraging is the auto-deleveraging branch: the fund first pays what it can of a negative
// equity (Covered; 0 when the sequencer emits no DeficitCovered), then the positions close against
// counterparties.
type Deleveraging struct {
	Covered int64
	Fills   []AdlFill
}

// AdlFill closes part of the account's position in a market against a counterparty.
type AdlFill struct {
	Counterparty int64
	Market       int64
	Quantity     int64
	Price        int64
}

// FundingTick moves a market's funding index by rate * mark at the start of the batch.
type FundingTick struct {
	Market  int64
	RatePpm int64
}

// OraclePrice is a signed record from one of a market's oracle sources: a perpetual's price or,
// for an option market, its volatility in ppm per year (signed over PriceMessage.HashFor).
type OraclePrice struct {
	PriceMessage
	Signature []byte
}

// Deposit is one record of the L1 deposit queue and the sequencer's decision about it.
type Deposit struct {
	Account  int64
	Amount   int64
	Sender   fr.Element // L1 address that deposited (refunds go back to it)
	Key      Key        // the account's key (a new account is created with it)
	Blinding fr.Element // a new account's blinding; ignored for an existing account
	Refund   bool       // the sequencer refused the deposit: L1 pays it back to Sender
}

// SignedOrder is an order message with its owner's 64-byte signature.
type SignedOrder struct {
	Order
	Signature []byte
}

// Trade is one fill: the resting (maker) and incoming (taker) orders, the fill, and the fees.
type Trade struct {
	Maker, Taker SignedOrder
	Quantity     int64
	Price        int64
	MakerFee     int64 // signed: negative is a rebate
	TakerFee     int64
}

// Withdrawal is a signed withdrawal; Nonce is the nonce it was signed with.
type Withdrawal struct {
	WithdrawalMessage
	Signature []byte
}

// Header is the batch's header and the state it starts from.
type Header struct {
	ChainID      int64
	Contract     fr.Element
	BatchNumber  int64
	BatchTime    int64
	AccountsRoot fr.Element
	MarketsRoot  fr.Element
	FeePool      int64
	FundingPool  int64
	Time         int64 // previous batch time
	DepositCount int64 // deposits consumed before this batch
	Deposits     int64 // deposits this batch consumes
}

// MarketRow is one row of the market table: the leaf before the batch and its Merkle path.
type MarketRow struct {
	Market   Market
	Siblings []fr.Element
	Tick     bool
	Rate     int64
	// UnderlyingRow is an option row's underlying's row (0 for a perpetual); OptionMark and
	// OptionValid are its committed mark at the batch time, OptionVol the volatility it used.
	UnderlyingRow int
	OptionMark    int64
	OptionValid   bool
	OptionVol     int64
}

// OracleRow is one oracle price slot.
type OracleRow struct {
	MarketRow   int
	Source      int64
	Price       int64
	PublishTime int64
	Signature   Signature
}

// AccountRow is one row of the account table: the account before the batch (for an account the
// batch creates: the defaults with its key and blinding), which market row each position slot
// uses in this batch (NoRow: none), and the Merkle path at the moment the row is written.
type AccountRow struct {
	Index      int64
	Exists     bool
	Account    Account
	SlotMarket [PositionSlots]int
	Siblings   []fr.Element
}

// NoRow marks a position slot without a market in this batch.
const NoRow = -1

// DepositRow is one deposit slot.
type DepositRow struct {
	Deposit
	Row int // account row credited; NoRow for a refund
}

// OrderRow is one row of the order table: a signed order filled in this batch, its account and
// market rows, and its fill slot before the batch with the Merkle path in the account's fill tree.
type OrderRow struct {
	AccountRow   int
	MarketRow    int
	Order        Order
	Signature    Signature
	FillEmpty    bool
	Fill         layout.Fill
	FillSiblings []fr.Element
}

// TradeRow is one trade slot: order rows, fill, fees and the position slot each side uses.
type TradeRow struct {
	Maker, Taker         int
	Quantity, Price      int64
	MakerFee, TakerFee   int64
	MakerSlot, TakerSlot int
}

// WithdrawalRow is one withdrawal slot.
type WithdrawalRow struct {
	AccountRow int
	Amount     int64
	Recipient  fr.Element
	Signature  Signature
}

// RequestRow is one request slot: the request, the account row it names and what it was paid.
type RequestRow struct {
	ForcedRequest
	AccountRow int
	Paid       int64
}

// Liquidation step kinds (LiquidationRow.Kind; docs/settlement.md, "Liquidation steps").
const (
	StepLiquidate = 1 // the account falls under liquidation: equity below maintenance
	StepClose     = 2 // a close-into-book fill of the liquidated account
	StepTakeover  = 3 // the fund takes over one position at the mark
	StepCover     = 4 // auto-deleveraging starts: the fund pays what it can of the deficit
	StepAdl       = 5 // an auto-deleveraging fill against a counterparty
	StepEnd       = 6 // the liquidation ends (when its last event is a close)
	StepUnwind    = 7 // the fund closes part of a position into the book
	StepKinds     = 8 // kinds 1-7; 0 is an unused step
)

// Why the fund cannot take over, for a cover step (LiquidationRow.Hold).
const (
	HoldDeficit = 0 // equity + max(0, fund collateral) < 0: the fund cannot pay the deficit
	HoldBound   = 1 // the fund's position in a remaining market would pass maxPosition
	HoldSlots   = 2 // the fund has no position slot for a remaining market
)

// LiquidationRow is one liquidation step. Fields a kind does not use are 0.
type LiquidationRow struct {
	Kind                int
	End                 bool // the liquidation ends after this step (always for StepEnd)
	AccountRow          int  // the liquidated account (the fund for an unwind)
	Slot                int  // its position slot the step's fill uses
	OtherRow, OtherSlot int  // the other side of the fill: maker, fund or ADL counterparty
	Order               int  // the maker's order row (close, unwind)
	Quantity, Price     int64
	MakerFee, TakerFee  int64
	First               bool // ADL: the first fill in its market
	Hold                int  // cover: HoldDeficit, HoldBound or HoldSlots
	HoldSlot            int  // cover: the account's slot whose market the fund cannot hold
	HoldFundSlot        int  // cover, HoldBound: the fund's slot in that market
	Covered             int64
	Surplus, Uncovered  int64
}

// Witness is everything the batch circuit takes, before padding to its capacities, and the
// results it commits to.
type Witness struct {
	Caps        Capacities
	Header      Header
	Markets     []MarketRow
	Oracles     []OracleRow
	Accounts    []AccountRow
	Deposits    []DepositRow
	Orders      []OrderRow
	Trades      []TradeRow
	Withdrawals []WithdrawalRow
	Steps       []LiquidationRow
	Requests    []RequestRow
	Expiries    []ExpiryRow
	// RequestStart is the queue index of the first request the batch serves (the bridge checks it
	// against its own count; the state root does not hold it).
	RequestStart int64
	// Ephemeral is the batch's ephemeral scalar (with the owner-data section; else nil).
	Ephemeral *big.Int
	// Blobs are the openings of the blobs holding the owner rows, in blob order (Capacities.Blobs;
	// else none): what the bridge hands to the point-evaluation precompile.
	Blobs []blob.Opening
	// Risk is the risk row of each market row (Capacities.Portfolio; zeros for unused rows).
	Risk []RiskRow
	// Switches are the margin-mode switch slots (Capacities.Switches).
	Switches []SwitchRow

	OldRoot    fr.Element
	NewRoot    fr.Element
	RowRoots   []fr.Element // account tree root after each account row is written
	PublicData []fr.Element
	Public     PublicInputs
}
