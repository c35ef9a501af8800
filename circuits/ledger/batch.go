package ledger

import (
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

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
}

// FundingTick moves a market's funding index by rate * mark at the start of the batch.
type FundingTick struct {
	Market  int64
	RatePpm int64
}

// OraclePrice is a signed price from one of a market's oracle sources.
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

	OldRoot    fr.Element
	NewRoot    fr.Element
	RowRoots   []fr.Element // account tree root after each account row is written
	PublicData []fr.Element
	Public     PublicInputs
}
