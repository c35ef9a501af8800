package settlement

import (
	"fmt"
	"math/big"
	"reflect"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/blob"
	"sable/circuits/gadget"
	"sable/circuits/ledger"
)

// Assign returns the full assignment of the circuit at the witness's capacities: the rows of w,
// then zeros in every unused slot.
func Assign(w *ledger.Witness) (*Circuit, error) {
	caps := w.Caps
	if len(w.Markets) > caps.Markets || len(w.Oracles) > caps.Oracles || len(w.Accounts) > caps.Accounts ||
		len(w.Deposits) > caps.Deposits || len(w.Orders) > caps.Orders || len(w.Trades) > caps.Trades ||
		len(w.Withdrawals) > caps.Withdrawals || len(w.Steps) > caps.Steps || len(w.Requests) > caps.Requests ||
		len(w.Expiries) > caps.Expiries || len(w.Switches) > caps.Switches {
		return nil, fmt.Errorf("witness does not fit the capacities %+v", caps)
	}
	c := New(caps)
	c.Commitment, c.Challenge, c.Evaluation = fe(w.Public.Commitment), fe(w.Public.Challenge), fe(w.Public.Evaluation)
	h := w.Header
	c.Header = Header{ChainID: h.ChainID, Contract: fe(h.Contract), BatchNumber: h.BatchNumber,
		BatchTime: h.BatchTime, AccountsRoot: fe(h.AccountsRoot), MarketsRoot: fe(h.MarketsRoot),
		FeePool: h.FeePool, FundingPool: h.FundingPool, Time: h.Time, DepositCount: h.DepositCount,
		Deposits: h.Deposits}
	for i, r := range w.Markets {
		c.Markets[i] = assignMarket(r)
	}
	for i, o := range w.Oracles {
		c.Oracles[i] = OraclePrice{Used: 1, MarketRow: o.MarketRow, Source: o.Source, Price: o.Price,
			PublishTime: o.PublishTime, Signature: signature(o.Signature)}
	}
	for i, r := range w.Accounts {
		c.Accounts[i] = assignAccount(r, caps.Markets)
	}
	for i, d := range w.Deposits {
		row := 0
		if d.Row != ledger.NoRow {
			row = d.Row
		}
		c.Deposits[i] = Deposit{Account: d.Account, Amount: d.Amount, Sender: fe(d.Sender), Key: point(d.Key),
			Refund: flag(d.Refund), Row: row}
	}
	for i, o := range w.Orders {
		c.Orders[i] = assignOrder(o)
	}
	for i, t := range w.Trades {
		c.Trades[i] = Trade{Used: 1, Maker: t.Maker, Taker: t.Taker, Quantity: t.Quantity, Price: t.Price,
			MakerFee: t.MakerFee, TakerFee: t.TakerFee, MakerSlot: t.MakerSlot, TakerSlot: t.TakerSlot}
	}
	for i, r := range w.Withdrawals {
		c.Withdrawals[i] = Withdrawal{Used: 1, AccountRow: r.AccountRow, Amount: r.Amount,
			Recipient: fe(r.Recipient), Signature: signature(r.Signature)}
	}
	for i, r := range w.Steps {
		c.Liquidations[i] = assignStep(r)
	}
	for j := range c.Requests {
		c.Requests[j].Queue = w.RequestStart + int64(j)
	}
	for j, r := range w.Requests {
		c.Requests[j] = Request{Used: 1, Queue: w.RequestStart + int64(j), AccountRow: r.AccountRow,
			Account: r.Account, Nonce: r.Nonce, MaxAmount: r.Amount, Recipient: fe(r.Recipient),
			Signature: signature(r.Signature)}
	}
	for i, r := range w.Expiries {
		c.Expiries[i] = ExpiryStep{Used: 1, AccountRow: r.AccountRow, Slot: r.Slot, Settlement: r.Settlement,
			Payoff: r.Payoff}
	}
	for i, r := range w.Switches {
		c.Switches[i] = assignSwitch(r)
	}
	if caps.OwnerData {
		c.Owner[0].Ephemeral = w.Ephemeral
	}
	if caps.Blobs > 0 {
		assignBlobs(c, w)
	}
	for i, r := range w.Markets {
		if o := r.Market.Option; o != nil && caps.Options {
			c.Options[i] = OptionRow{IsOption: 1, Underlying: o.Underlying, Kind: o.Kind, Strike: o.Strike,
				Expiry: o.Expiry, ContractSize: o.ContractSize, UnderlyingRow: r.UnderlyingRow, Mark: r.OptionMark,
				Valid: flag(r.OptionValid), Vol: r.OptionVol}
		}
	}
	if caps.Portfolio {
		assignRisk(c, w)
	}
	zeroUnassigned(reflect.ValueOf(c).Elem())
	return c, nil
}

func assignStep(r ledger.LiquidationRow) LiquidationStep {
	return LiquidationStep{Used: 1, Kind: r.Kind, End: flag(r.End), AccountRow: r.AccountRow, Slot: r.Slot,
		OtherRow: r.OtherRow, OtherSlot: r.OtherSlot, Order: r.Order, Quantity: r.Quantity, Price: r.Price,
		MakerFee: r.MakerFee, TakerFee: r.TakerFee, First: flag(r.First), Hold: r.Hold, HoldSlot: r.HoldSlot,
		HoldFundSlot: r.HoldFundSlot, Covered: r.Covered, Surplus: r.Surplus, Uncovered: r.Uncovered}
}

func assignMarket(r ledger.MarketRow) Market {
	m := r.Market
	p := m.Params
	out := Market{Used: 1, ID: m.ID, Params: [11]frontend.Variable{p.TickSize, p.LotSize, p.InitialMarginPpm,
		p.MaintenanceMarginPpm, p.MakerFeePpm, p.TakerFeePpm, p.MaxPosition, p.MaxPrice, p.OracleStaleness,
		p.FundingInterval, p.FundingClampPpm}, Mark: m.Mark, FundingIndex: m.FundingIndex,
		LastFundingTime: m.LastFundingTime, Funded: flag(m.Funded), Tick: flag(r.Tick), Rate: r.Rate}
	for s := range m.OracleKeys {
		out.OracleKeys[s] = point(m.OracleKeys[s])
		out.Records[s] = Record{Price: m.Records[s].Price, PublishTime: m.Records[s].PublishTime}
	}
	copyElements(out.Siblings[:], r.Siblings)
	return out
}

func assignAccount(r ledger.AccountRow, markets int) Account {
	a := r.Account
	out := Account{Used: 1, Index: r.Index, Exists: flag(r.Exists), Key: point(a.Key), Blinding: fe(a.Blinding),
		Extension: fe(a.Extension), Collateral: a.Collateral, Nonce: a.Nonce, Mode: a.Mode, FillsRoot: fe(a.FillsRoot)}
	for p, s := range a.Slots {
		out.Slots[p] = Slot{Market: s.Market, Size: s.Size, Cost: s.Cost, FundingIndex: s.FundingIndex}
		out.SlotMarket[p] = r.SlotMarket[p]
		if r.SlotMarket[p] == ledger.NoRow {
			out.SlotMarket[p] = markets
		}
	}
	copyElements(out.Siblings[:], r.Siblings)
	return out
}

func assignOrder(r ledger.OrderRow) Order {
	o := r.Order
	out := Order{Used: 1, AccountRow: r.AccountRow, MarketRow: r.MarketRow, ClientOrderID: o.ClientOrderID,
		Side: o.Side, Type: o.Type, Price: o.Price, Quantity: o.Quantity, ReduceOnly: o.ReduceOnly,
		Expiry: o.Expiry, Stp: o.Stp, Signature: signature(r.Signature), FillEmpty: flag(r.FillEmpty),
		FillID: r.Fill.ClientOrderID, FillFilled: r.Fill.Filled}
	copyElements(out.FillSiblings[:], r.FillSiblings)
	return out
}

func fe(e fr.Element) *big.Int {
	var b big.Int
	e.BigInt(&b)
	return &b
}

func point(k ledger.Key) gadget.Point { return gadget.Point{X: fe(k.X), Y: fe(k.Y)} }

func signature(s ledger.Signature) Signature {
	return Signature{R: gadget.Point{X: fe(s.RX), Y: fe(s.RY)}, S: fe(s.S)}
}

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

func copyElements(dst []frontend.Variable, src []fr.Element) {
	for i := range src {
		dst[i] = fe(src[i])
	}
}

var variableType = reflect.TypeOf((*frontend.Variable)(nil)).Elem()

// zeroUnassigned sets every unassigned variable (the unused slots) to 0.
func zeroUnassigned(v reflect.Value) {
	switch {
	case v.Type() == variableType:
		if v.IsNil() {
			v.Set(reflect.ValueOf(0))
		}
	case v.Kind() == reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			zeroUnassigned(v.Field(i))
		}
	case v.Kind() == reflect.Slice || v.Kind() == reflect.Array:
		for i := 0; i < v.Len(); i++ {
			zeroUnassigned(v.Index(i))
		}
	}
}

// assignBlobs assigns the openings of the blobs holding the owner rows (ledger.BlobSection).
func assignBlobs(c *Circuit, w *ledger.Witness) {
	for j, o := range w.Blobs {
		c.Blob[j] = Opening(o)
	}
}

// Opening is the circuit's assignment of a blob's opening (its section of the public data).
func Opening(o blob.Opening) BlobOpening {
	s := ledger.BlobSection(o)
	return BlobOpening{VersionedHash: [2]frontend.Variable{s[0], s[1]}, Z: s[2], Value: [2]frontend.Variable{s[3], s[4]}}
}
