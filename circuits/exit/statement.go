package exit

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/gadget"
	"sable/circuits/layout"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// Domain tags of the exit (docs/state.md section 12).
var (
	TagExit     = layout.Tag("sable.exit.v1")
	TagExitData = layout.Tag("sable.exitdata.v1")
)

// Message is what an account's owner signs to exit to recipient: H(TAG_EXIT, chainId, bridge,
// account, recipient).
func Message(d layout.Domain, account int64, recipient fr.Element) fr.Element {
	return layout.Hash(TagExit, layout.Int(d.ChainID), d.Contract, layout.Int(account), recipient)
}

// Rows are the market rows the bridge stores, by market id: each market's row
// (ledger.MarketElement) from the last accepted batch that published it.
type Rows map[int64]fr.Element

// Record keeps the market rows of an accepted batch's public data d at capacities caps, as the
// bridge does when it accepts the batch.
func (r Rows) Record(caps ledger.Capacities, d []fr.Element) {
	at := ledger.PubHeaderLen + 3*caps.Deposits + 1 + caps.Withdrawals
	for _, row := range d[at : at+caps.Markets] {
		if !row.IsZero() {
			market, _, _ := DecodeRow(row)
			r[market] = row
		}
	}
}

// rowWidth is a market row's width in bits: up to a perpetual row's range lane.
const rowWidth = ledger.RangeShift + ledger.RangeBits

// CheckRow refuses what the exit circuit cannot decode as a market row: 0, a value wider than
// 252 bits, a volatility lane on a row without the option bit, or a range lane on a row with it.
func CheckRow(row fr.Element) error {
	var v big.Int
	row.BigInt(&v)
	option := v.Bit(ledger.OptionElementBit) == 1
	vol := new(big.Int).And(new(big.Int).Rsh(&v, ledger.OptionVolShift), big.NewInt(1<<ledger.OptionVolBits-1))
	switch {
	case v.Sign() == 0:
		return errors.New("not a market row: 0")
	case v.BitLen() > rowWidth:
		return fmt.Errorf("not a market row: %s is wider than %d bits", row.String(), rowWidth)
	case !option && vol.Sign() != 0:
		return fmt.Errorf("not a market row: %s has a volatility but no option bit", row.String())
	case option && v.BitLen() > ledger.RangeShift:
		return fmt.Errorf("not a market row: %s has a range and the option bit", row.String())
	}
	return nil
}

// DecodeRow reads a market row's market id, mark and funding index.
func DecodeRow(row fr.Element) (market, mark, fundingIndex int64) {
	var v big.Int
	row.BigInt(&v)
	lane := func(shift, bits uint) uint64 {
		return new(big.Int).And(new(big.Int).Rsh(&v, shift), new(big.Int).Sub(gadget.Pow2(int(bits)), big.NewInt(1))).Uint64()
	}
	return int64(lane(0, 8)), int64(lane(80, 64)), int64(lane(144, 64) ^ 1<<63)
}

// Of is, by slot, the row each of the account's positions is valued at (0 for an empty slot);
// refused when the bridge stores no row for a position's market, or one the circuit cannot decode.
func (r Rows) Of(a ledger.Account) ([ledger.PositionSlots]fr.Element, error) {
	var out [ledger.PositionSlots]fr.Element
	for p, slot := range a.Slots {
		if slot.Size == 0 {
			continue
		}
		row, ok := r[slot.Market]
		if !ok {
			return out, fmt.Errorf("no market row for market %d (slot %d): the bridge has none", slot.Market, p)
		}
		if err := CheckRow(row); err != nil {
			return out, err
		}
		out[p] = row
	}
	return out, nil
}

// Statement is one exit: the account's leaf and path under the state, the rows its positions are
// valued at, the amount it takes, and the exit data with its public inputs.
type Statement struct {
	Domain    layout.Domain
	Index     int64
	Account   ledger.Account
	Siblings  []fr.Element
	Recipient fr.Element
	Amount    int64
	Rows      [ledger.PositionSlots]fr.Element // by slot; 0 for an empty slot
	Signature ledger.Signature

	AccountsRoot, MarketsRoot                fr.Element
	FeePool, FundingPool, Time, DepositCount int64

	Data   []fr.Element // d
	Public ledger.PublicInputs
}

// ErrNothingToExit is returned for an account whose equity at the rows' marks is not positive.
var ErrNothingToExit = errors.New("the account's equity is not positive: nothing to exit")

// Equity is the account's collateral plus each position valued at its market row's mark, less
// the funding it owes at the row's funding index: what an exit pays.
func Equity(a ledger.Account, rows [ledger.PositionSlots]fr.Element) *big.Int {
	equity := big.NewInt(a.Collateral)
	for p, s := range a.Slots {
		if s.Size == 0 {
			continue
		}
		_, mark, index := DecodeRow(rows[p])
		size := big.NewInt(s.Size)
		value := new(big.Int).Mul(size, big.NewInt(mark))
		owed := ceilDivPpm(new(big.Int).Mul(size, new(big.Int).Sub(big.NewInt(index), big.NewInt(s.FundingIndex))))
		equity.Add(equity, value.Sub(value, big.NewInt(s.Cost)).Sub(value, owed))
	}
	return equity
}

func ceilDivPpm(x *big.Int) *big.Int {
	ppm := big.NewInt(gadget.Ppm)
	q, m := new(big.Int).DivMod(x, ppm, new(big.Int)) // Euclidean: m >= 0
	if m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

// Prove assembles the exit of account index from state s to recipient, valued at the bridge's
// rows and signed (64 bytes) by the account's owner. The signature is not checked here: a wrong
// one gives a statement the circuit refuses.
func Prove(s *ledger.State, index int64, recipient fr.Element, rows Rows, signature []byte) (*Statement, error) {
	a, ok := s.Account(index)
	if !ok {
		return nil, fmt.Errorf("account %d does not exist in the state", index)
	}
	st := &Statement{Domain: s.Domain, Index: index, Account: a, Siblings: s.AccountPath(index), Recipient: recipient,
		AccountsRoot: s.AccountsRoot(), MarketsRoot: s.MarketsRoot(), FeePool: s.FeePool, FundingPool: s.FundingPool,
		Time: s.Time, DepositCount: s.DepositCount}
	var err error
	if st.Rows, err = rows.Of(a); err != nil {
		return nil, err
	}
	equity := Equity(a, st.Rows)
	if equity.Sign() <= 0 {
		return nil, ErrNothingToExit
	}
	if !equity.IsInt64() {
		return nil, fmt.Errorf("equity %s does not fit 63 bits", equity)
	}
	st.Amount = equity.Int64()
	sig, err := ledger.ParseSignature(signature)
	if err != nil {
		return nil, fmt.Errorf("exit signature: %w", err)
	}
	st.Signature = sig
	st.Data = append([]fr.Element{layout.Int(st.Domain.ChainID), st.Domain.Contract, s.Root(), layout.Int(index),
		recipient, layout.Int(st.Amount)}, st.Rows[:]...)
	st.Public = Bind(st.Data)
	return st, nil
}

// Bind computes the public inputs of exit data d: c = H(TAG_EXIT_DATA, d), z and y as for a
// settlement batch (ledger.Challenge, ledger.Evaluate).
func Bind(d []fr.Element) ledger.PublicInputs {
	c := layout.Hash(append([]fr.Element{TagExitData}, d...)...)
	z := ledger.Challenge(c, d)
	return ledger.PublicInputs{Commitment: c, Challenge: z, Evaluation: ledger.Evaluate(d, z)}
}

// Assign is the circuit's assignment of a statement.
func Assign(st *Statement) *Circuit {
	a := st.Account
	c := &Circuit{Commitment: fe(st.Public.Commitment), Challenge: fe(st.Public.Challenge),
		Evaluation: fe(st.Public.Evaluation), ChainID: st.Domain.ChainID, Contract: fe(st.Domain.Contract),
		Account: st.Index, Recipient: fe(st.Recipient), Amount: st.Amount,
		AccountsRoot: fe(st.AccountsRoot), MarketsRoot: fe(st.MarketsRoot), FeePool: st.FeePool,
		FundingPool: st.FundingPool, Time: st.Time, DepositCount: st.DepositCount,
		Key: gadget.Point{X: fe(a.Key.X), Y: fe(a.Key.Y)}, Blinding: fe(a.Blinding), Extension: fe(a.Extension),
		Collateral: a.Collateral, Nonce: a.Nonce, Mode: a.Mode, FillsRoot: fe(a.FillsRoot),
		Signature: settlement.Signature{R: gadget.Point{X: fe(st.Signature.RX), Y: fe(st.Signature.RY)}, S: fe(st.Signature.S)}}
	for p, s := range a.Slots {
		c.Slots[p] = settlement.Slot{Market: s.Market, Size: s.Size, Cost: s.Cost, FundingIndex: s.FundingIndex}
		c.Rows[p] = fe(st.Rows[p])
	}
	for i := range c.Siblings {
		c.Siblings[i] = fe(st.Siblings[i])
	}
	return c
}

func fe(e fr.Element) *big.Int { return e.BigInt(new(big.Int)) }

var (
	tagState    = fe(ledger.TagState)
	tagAccount  = fe(ledger.TagAccount)
	tagExit     = fe(TagExit)
	tagExitData = fe(TagExitData)
)
