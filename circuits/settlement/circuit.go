// Package settlement is Sable's batch circuit: it proves that a batch of deposits, oracle prices,
// funding ticks, trades of signed orders and signed withdrawals moves the global state root from
// one value to another under the settlement rules of docs/settlement.md, and binds the batch's
// public data with a Poseidon2 commitment and an evaluation at a challenge the bridge derives.
//
// The circuit is sized by ledger.Capacities; every slot has a used flag and unused slots (zeros)
// are no-ops. ledger is the same rules out of circuit and builds the witness (Assign).
package settlement

import (
	"fmt"
	"strings"

	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/layout"
	"sable/circuits/ledger"
)

// Caps are the circuit's capacities.
type Caps = ledger.Capacities

// Name is the circuit's catalog name at these capacities ("-l<steps>" only when it has
// liquidation steps, "-q<requests>" only when it has request slots, "-e<steps>" only when it has
// expiry steps (with option rows), "-s<switches>" only when it has margin-mode switch slots (with
// portfolio margin), "-opt" only when its market rows may be option rows, "-pm" only
// when its accounts may be portfolio-margined, "-owner" only when it has the owner-data section,
// "-blob" after it only when the owner rows are in a blob, so the names of circuits without them
// did not change; "-blob<k>" when they are in k > 1 blobs).
func Name(c Caps) string {
	name := fmt.Sprintf("settlement-m%d-k%d-a%d-d%d-o%d-t%d-w%d", c.Markets, c.Oracles, c.Accounts,
		c.Deposits, c.Orders, c.Trades, c.Withdrawals)
	if c.Steps > 0 {
		name += fmt.Sprintf("-l%d", c.Steps)
	}
	if c.Requests > 0 {
		name += fmt.Sprintf("-q%d", c.Requests)
	}
	if c.Expiries > 0 {
		name += fmt.Sprintf("-e%d", c.Expiries)
	}
	if c.Switches > 0 {
		name += fmt.Sprintf("-s%d", c.Switches)
	}
	if c.Options {
		name += "-opt"
	}
	if c.Portfolio {
		name += "-pm"
	}
	if c.OwnerData {
		name += ownerSuffix
	}
	if c.Blobs == 1 {
		name += blobSuffix
	} else if c.Blobs > 1 {
		name += fmt.Sprintf("%s%d", blobSuffix, c.Blobs)
	}
	return name
}

const (
	ownerSuffix = "-owner"
	blobSuffix  = "-blob"
)

// Circuit is the batch circuit. Public inputs, in order: the commitment c to the public data, the
// challenge z and the evaluation y (docs/settlement.md, "Public data"); everything else is secret,
// in declaration order (the witness layout Java writes).
type Circuit struct {
	Commitment frontend.Variable `gnark:",public"`
	Challenge  frontend.Variable `gnark:",public"`
	Evaluation frontend.Variable `gnark:",public"`

	Header       Header
	Markets      []Market
	Oracles      []OraclePrice
	Accounts     []Account
	Deposits     []Deposit
	Orders       []Order
	Trades       []Trade
	Withdrawals  []Withdrawal
	Liquidations []LiquidationStep
	Requests     []Request
	Options      []OptionRow // one per market row with Caps.Options, else none
	Expiries     []ExpiryStep
	Risk         []RiskRow // one per market row with Caps.Portfolio, else none
	Switches     []ModeSwitch
	// Owner is the owner-data section's secret: one with the section, none without (the witness
	// of circuits without it is unchanged).
	Owner []Owner
	// Blob are the openings of the blobs holding the owner rows: Caps.Blobs of them, in blob order.
	Blob []BlobOpening
}

// BlobOpening is what a blob's section publishes (ledger.BlobSection): the blob's versioned hash
// (high, low 128 bits), the challenge z and the blob's value y at z (high 127, low 128 bits). The
// circuit checks z is the challenge of its rows and that blob, and that the blob's own rows give y.
type BlobOpening struct {
	VersionedHash [2]frontend.Variable
	Z             frontend.Variable
	Value         [2]frontend.Variable
}

// Owner is the batch's ephemeral scalar e of the owner data (E = [e]B).
type Owner struct {
	Ephemeral frontend.Variable
}

// Header is the batch header and the state the batch starts from.
type Header struct {
	ChainID      frontend.Variable
	Contract     frontend.Variable
	BatchNumber  frontend.Variable
	BatchTime    frontend.Variable
	AccountsRoot frontend.Variable
	MarketsRoot  frontend.Variable
	FeePool      frontend.Variable
	FundingPool  frontend.Variable
	Time         frontend.Variable // previous batch time
	DepositCount frontend.Variable // deposits consumed before this batch
	Deposits     frontend.Variable // deposits this batch consumes (the first slots)
}

// Signature is an EdDSA signature: R and S.
type Signature struct {
	R gadget.Point
	S frontend.Variable
}

// Market is one market table row: the leaf before the batch and its path, and the funding tick.
type Market struct {
	Used            frontend.Variable
	ID              frontend.Variable
	Params          [11]frontend.Variable // ledger.Params in declaration order
	OracleKeys      [ledger.OracleSources]gadget.Point
	Mark            frontend.Variable
	FundingIndex    frontend.Variable
	LastFundingTime frontend.Variable
	Funded          frontend.Variable
	Records         [ledger.OracleSources]Record
	Siblings        [ledger.MarketDepth]frontend.Variable
	Tick            frontend.Variable
	Rate            frontend.Variable
}

// Record is an oracle source's last price.
type Record struct {
	Price       frontend.Variable
	PublishTime frontend.Variable
}

// Parameter positions in Market.Params.
const (
	pTick = iota
	pLot
	pInitialMargin
	pMaintenanceMargin
	pMakerFee
	pTakerFee
	pMaxPosition
	pMaxPrice
	pStaleness
	pFundingInterval
	pFundingClamp
)

// OraclePrice is one signed oracle price slot.
type OraclePrice struct {
	Used        frontend.Variable
	MarketRow   frontend.Variable
	Source      frontend.Variable
	Price       frontend.Variable
	PublishTime frontend.Variable
	Signature   Signature
}

// Account is one account table row: the account before the batch, the market row of each
// position slot in this batch (Markets capacity = none), and the path at the moment it is written.
type Account struct {
	Used       frontend.Variable
	Index      frontend.Variable
	Exists     frontend.Variable
	Key        gadget.Point
	Blinding   frontend.Variable
	Extension  frontend.Variable
	Collateral frontend.Variable
	Nonce      frontend.Variable
	Mode       frontend.Variable
	FillsRoot  frontend.Variable
	Slots      [ledger.PositionSlots]Slot
	SlotMarket [ledger.PositionSlots]frontend.Variable
	Siblings   [ledger.AccountDepth]frontend.Variable
}

// Slot is a position slot.
type Slot struct {
	Market       frontend.Variable
	Size         frontend.Variable
	Cost         frontend.Variable
	FundingIndex frontend.Variable
}

// Deposit is one deposit slot (used: the first Header.Deposits slots).
type Deposit struct {
	Account frontend.Variable
	Amount  frontend.Variable
	Sender  frontend.Variable
	Key     gadget.Point
	Refund  frontend.Variable
	Row     frontend.Variable // the account row credited
}

// Order is one order table row.
type Order struct {
	Used          frontend.Variable
	AccountRow    frontend.Variable
	MarketRow     frontend.Variable
	ClientOrderID frontend.Variable
	Side          frontend.Variable
	Type          frontend.Variable
	Price         frontend.Variable
	Quantity      frontend.Variable
	ReduceOnly    frontend.Variable
	Expiry        frontend.Variable
	Stp           frontend.Variable
	Signature     Signature
	FillEmpty     frontend.Variable
	FillID        frontend.Variable
	FillFilled    frontend.Variable
	FillSiblings  [ledger.FillDepth]frontend.Variable
}

// Trade is one fill slot.
type Trade struct {
	Used      frontend.Variable
	Maker     frontend.Variable // order row
	Taker     frontend.Variable
	Quantity  frontend.Variable
	Price     frontend.Variable
	MakerFee  frontend.Variable
	TakerFee  frontend.Variable
	MakerSlot frontend.Variable // position slot of the maker's account row
	TakerSlot frontend.Variable
}

// Withdrawal is one withdrawal slot.
type Withdrawal struct {
	Used       frontend.Variable
	AccountRow frontend.Variable
	Amount     frontend.Variable
	Recipient  frontend.Variable
	Signature  Signature
}

// New returns an unassigned circuit of the given capacities (for compiling).
func New(c Caps) *Circuit {
	return &Circuit{Markets: make([]Market, c.Markets), Oracles: make([]OraclePrice, c.Oracles),
		Accounts: make([]Account, c.Accounts), Deposits: make([]Deposit, c.Deposits),
		Orders: make([]Order, c.Orders), Trades: make([]Trade, c.Trades),
		Withdrawals: make([]Withdrawal, c.Withdrawals), Liquidations: make([]LiquidationStep, c.Steps),
		Requests: make([]Request, c.Requests), Options: make([]OptionRow, optionRows(c)),
		Expiries: make([]ExpiryStep, c.Expiries),
		Risk:     make([]RiskRow, riskRows(c)), Switches: make([]ModeSwitch, c.Switches),
		Owner: make([]Owner, ownerScalars(c)), Blob: make([]BlobOpening, c.Blobs)}
}

func riskRows(c Caps) int {
	if c.Portfolio {
		return c.Markets
	}
	return 0
}

func optionRows(c Caps) int {
	if c.Options {
		return c.Markets
	}
	return 0
}

func ownerScalars(c Caps) int {
	if c.OwnerData {
		return 1
	}
	return 0
}

// Caps returns the capacities the circuit was made with.
func (c *Circuit) Caps() Caps {
	return Caps{Markets: len(c.Markets), Oracles: len(c.Oracles), Accounts: len(c.Accounts),
		Deposits: len(c.Deposits), Orders: len(c.Orders), Trades: len(c.Trades), Withdrawals: len(c.Withdrawals),
		Steps: len(c.Liquidations), Requests: len(c.Requests), Options: len(c.Options) > 0, Expiries: len(c.Expiries),
		Portfolio: len(c.Risk) > 0, Switches: len(c.Switches), OwnerData: len(c.Owner) > 0,
		Blobs: len(c.Blob)}
}

// Define states the settlement rules in the batch's order: funding ticks, prices, marks, deposits,
// fills and withdrawals (the trading phase), its end checks, the liquidation sweep, then the forced
// withdrawal requests, served on what the rest of the batch left. The public-data binding comes last, so that a witness that breaks a rule fails at
// that rule first (the forgery tests check where it fails).
func (c *Circuit) Define(api frontend.API) error {
	if c.Caps().Deposits > 248 {
		return fmt.Errorf("deposit capacity %d above 248", c.Caps().Deposits)
	}
	if c.Caps().Expiries > 0 && !c.Caps().Options {
		return fmt.Errorf("expiry steps need option rows")
	}
	if c.Caps().Switches > 0 && !c.Caps().Portfolio {
		return fmt.Errorf("margin-mode switches need portfolio margin")
	}
	if err := c.Caps().CheckBlobs(); err != nil {
		return err
	}
	b := newBatch(api, c)
	b.header()
	b.loadMarkets()
	b.oraclePrices()
	b.marks()
	b.loadRisk()
	b.loadAccounts()
	b.deposits()
	b.orders()
	b.trades()
	b.expiries()
	b.withdrawals()
	b.modeSwitches()
	b.endChecks()
	b.expiredClosed()
	b.liquidations()
	b.requests()
	b.fillSlots()
	b.switchSlots()
	accountsRoot := b.settleAccounts()
	marketsRoot := b.storeMarkets()
	return b.bindPublicData(accountsRoot, marketsRoot)
}

// ParseName reads the capacities from a name made by Name; false if it is not one.
func ParseName(name string) (Caps, bool) {
	original := name
	var c Caps
	if at := strings.LastIndex(name, blobSuffix); at >= 0 {
		c.Blobs = 1
		if k := name[at+len(blobSuffix):]; k != "" {
			if _, err := fmt.Sscanf(k, "%d", &c.Blobs); err != nil {
				return Caps{}, false
			}
		}
		name = name[:at]
	}
	c.OwnerData = strings.HasSuffix(name, ownerSuffix)
	name = strings.TrimSuffix(name, ownerSuffix)
	base := "settlement-m%d-k%d-a%d-d%d-o%d-t%d-w%d"
	fields := []any{&c.Markets, &c.Oracles, &c.Accounts, &c.Deposits, &c.Orders, &c.Trades, &c.Withdrawals}
	if strings.Contains(name, "-l") {
		base += "-l%d"
		fields = append(fields, &c.Steps)
	}
	if strings.Contains(name, "-q") {
		base += "-q%d"
		fields = append(fields, &c.Requests)
	}
	if strings.Contains(name, "-e") {
		base += "-e%d"
		fields = append(fields, &c.Expiries)
	}
	if strings.Contains(name, "-s") {
		base += "-s%d"
		fields = append(fields, &c.Switches)
	}
	if strings.HasSuffix(name, "-pm") {
		name = strings.TrimSuffix(name, "-pm")
		c.Portfolio = true
	}
	if strings.HasSuffix(name, "-opt") {
		base += "-opt"
		c.Options = true
	}
	if _, err := fmt.Sscanf(name, base, fields...); err != nil ||
		Name(c) != original ||
		(c.Expiries > 0 && !c.Options) || (c.Switches > 0 && !c.Portfolio) || c.CheckBlobs() != nil {
		return Caps{}, false
	}
	return c, true
}

// Sample is an assignment that satisfies the circuit: the first batch, empty, after a genesis
// without markets (the key store proves it to check that a key pair belongs together).
func Sample(c Caps) (*Circuit, error) {
	s, err := ledger.Genesis(layout.Domain{ChainID: 1}, nil)
	if err != nil {
		return nil, err
	}
	b := ledger.Batch{Number: 1}
	if c.OwnerData {
		b.Ephemeral = ledger.EphemeralScalar([]byte("sable-sample"), 1)
	}
	w, violations, err := s.Apply(b, c)
	if err != nil {
		return nil, err
	}
	if len(violations) > 0 {
		return nil, fmt.Errorf("sample batch: %v", violations)
	}
	return Assign(w)
}
