package ledger

import (
	"math/big"
	"sort"
)

// Violation is a settlement rule a batch breaks; Rule names the rule as docs/settlement.md does.
type Violation struct {
	Rule   string
	Detail string
}

func (v Violation) Error() string { return v.Rule + ": " + v.Detail }

// ppm is 10^6 (100%).
var ppm = big.NewInt(1_000_000)

// CeilDiv is ceil(num / den) for den > 0 (toward +infinity, also for negative num).
func CeilDiv(num, den *big.Int) *big.Int {
	q, m := new(big.Int).DivMod(num, den, new(big.Int))
	if m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

// Fill is the effect of one fill on a position (docs/sequencer.md, "Positions and realized PnL").
type Fill struct {
	Size, Cost *big.Int // after the fill
	Realized   *big.Int
	Reducing   bool // opposite to a non-zero position
	Pure       bool // reducing and not larger than the position: the only fills that add no risk
}

// ApplyFill fills q (> 0) at price on side buy (true) or sell into a position (size, cost).
func ApplyFill(size, cost int64, buy bool, q, price int64) Fill {
	bs, bc, bq, bp := big.NewInt(size), big.NewInt(cost), big.NewInt(q), big.NewInt(price)
	qs := new(big.Int).Set(bq)
	if !buy {
		qs.Neg(qs)
	}
	abs := new(big.Int).Abs(bs)
	reducing := size != 0 && (size > 0) != buy
	k := new(big.Int)
	if reducing {
		k.Set(bq)
		if abs.Cmp(bq) < 0 {
			k.Set(abs)
		}
	}
	removed := new(big.Int)
	if size != 0 {
		removed = CeilDiv(new(big.Int).Mul(bc, k), abs)
	}
	sgn := big.NewInt(1)
	if size < 0 {
		sgn.SetInt64(-1)
	}
	sk := new(big.Int).Mul(sgn, k)
	realized := new(big.Int).Sub(new(big.Int).Mul(sk, bp), removed)
	newSize := new(big.Int).Add(bs, qs)
	newCost := new(big.Int).Sub(bc, removed)
	newCost.Add(newCost, new(big.Int).Mul(new(big.Int).Add(qs, sk), bp))
	return Fill{Size: newSize, Cost: newCost, Realized: realized, Reducing: reducing,
		Pure: reducing && abs.Cmp(bq) >= 0}
}

// FundingOwed is ceil(size * (index - positionIndex) / 10^6): what a position pays (negative:
// receives) when its funding is settled.
func FundingOwed(size, index, positionIndex int64) *big.Int {
	d := new(big.Int).Sub(big.NewInt(index), big.NewInt(positionIndex))
	return CeilDiv(d.Mul(d, big.NewInt(size)), ppm)
}

// Requirement is ceil(|size| * mark * ratePpm / 10^6), a market's margin requirement.
func Requirement(size, mark, ratePpm int64) *big.Int {
	n := new(big.Int).Abs(big.NewInt(size))
	n.Mul(n, big.NewInt(mark)).Mul(n, big.NewInt(ratePpm))
	return CeilDiv(n, ppm)
}

// MaxFee is ceil(notional * ratePpm / 10^6) for a signed rate: the fee a fill may charge at most
// (for a negative rate, the rebate it must pay at least, docs/sequencer.md's rounding).
func MaxFee(quantity, price, ratePpm int64) *big.Int {
	n := big.NewInt(quantity)
	n.Mul(n, big.NewInt(price)).Mul(n, big.NewInt(ratePpm))
	return CeilDiv(n, ppm)
}

// Fresh reports whether an oracle record counts for the mark at time now: it has a price and was
// published at or after now - staleness (stored records are never from the future).
func Fresh(r Record, now, staleness int64) bool {
	return r.Price > 0 && big.NewInt(r.PublishTime).Cmp(
		new(big.Int).Sub(big.NewInt(now), big.NewInt(staleness))) >= 0
}

// MarkAt is the market's mark at time now, from its sources' last records: the lower median
// (element (n-1)/2 of the sorted prices) of the fresh records, and valid; with none fresh, the
// lower median of all recorded prices, invalid; with no record at all, 0, invalid. It depends only
// on the records and the time, so the circuit and Java can recompute it.
func MarkAt(m *Market, now int64) (int64, bool) {
	var fresh, all []int64
	for _, r := range m.Records {
		if r.Price > 0 {
			all = append(all, r.Price)
		}
		if Fresh(r, now, m.Params.OracleStaleness) {
			fresh = append(fresh, r.Price)
		}
	}
	if len(fresh) > 0 {
		return LowerMedian(fresh), true
	}
	return LowerMedian(all), false
}

// LowerMedian is element (n-1)/2 of the sorted values, 0 for none.
func LowerMedian(values []int64) int64 {
	if len(values) == 0 {
		return 0
	}
	sorted := append([]int64(nil), values...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	return sorted[(len(sorted)-1)/2]
}
