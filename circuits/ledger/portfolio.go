package ledger

import (
	"fmt"
	"math"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/layout"
)

// Portfolio margin (docs/options.md "The portfolio requirement", docs/settlement.md "Portfolio
// margin in the circuit"): the requirement of an account in portfolio mode from a batch's risk
// arrays, exactly as the sequencer's PortfolioMargin computes it (grid version 1):
//
//	maintenance = sum over underlyings u of max(0, max over scenarios s of weighted loss(u, s))
//	            + sum over short positions of |size| * shortMinimum
//	loss(u, s)  = -(sum over positions i on u of size_i * pnl_i[s])
//	weighted    = loss, or ceil(loss * weight_s / 10^6) for the two extreme scenarios
//	initial     = ceil(maintenance * 1.25)
//
// Every step is exact (unbounded integers); a figure beyond 2^63 - 1 is saturated there, as the
// sequencer does: it is only ever compared with an equity that is a long, so every decision is the
// exact one.

// Scenarios is grid version 1's scenario count.
const Scenarios = 16

// RiskGridVersion is the scenario grid the arrays are computed on.
const RiskGridVersion = 1

// ScenarioWeightsPpm are grid version 1's weights: the 14 price/volatility moves count in full,
// the two extreme moves (+2R, -2R) 35%.
var ScenarioWeightsPpm = [Scenarios]int64{
	1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 350_000, 350_000}

// PortfolioInitialFactorPpm makes the initial requirement 1.25 x the maintenance.
const PortfolioInitialFactorPpm = 1_250_000

// TagRisk heads a batch's risk-array commitment.
var TagRisk = layout.Tag("sable.risk.v1")

// RiskRow is one market's risk array in a batch: committed inputs computed by the sequencer
// (RiskArrayCalculator) from public data, recomputed by anyone after the fact.
type RiskRow struct {
	Market       int64
	Underlying   int64 // the perpetual the row's scenarios move (the market itself for a perpetual)
	RangePpm     int64 // the underlying's scenario range (a perpetual row; 0 for an option)
	ShortMinimum int64 // per short unit (0 for a perpetual)
	Pnl          [Scenarios]int64
}

// Holding is a position as the portfolio rule reads it.
type Holding struct {
	Market int64
	Size   int64
}

// maxLong is 2^63 - 1, the saturation bound.
var maxLong = big.NewInt(math.MaxInt64)

// PortfolioMaintenance is the exact maintenance requirement of the holdings (unbounded); an error
// names a holding without a risk row.
func PortfolioMaintenance(rows []RiskRow, holdings []Holding) (*big.Int, error) {
	byMarket := map[int64]*RiskRow{}
	for i := range rows {
		byMarket[rows[i].Market] = &rows[i]
	}
	sums := map[int64]*[Scenarios]big.Int{}
	var order []int64
	total := new(big.Int)
	for _, h := range holdings {
		if h.Size == 0 {
			continue
		}
		row, ok := byMarket[h.Market]
		if !ok {
			return nil, fmt.Errorf("portfolio: no risk row for market %d", h.Market)
		}
		s, ok := sums[row.Underlying]
		if !ok {
			s = &[Scenarios]big.Int{}
			sums[row.Underlying] = s
			order = append(order, row.Underlying)
		}
		size := big.NewInt(h.Size)
		for k := range row.Pnl {
			s[k].Add(&s[k], new(big.Int).Mul(size, big.NewInt(row.Pnl[k])))
		}
		if h.Size < 0 {
			total.Sub(total, new(big.Int).Mul(size, big.NewInt(row.ShortMinimum)))
		}
	}
	for _, u := range order {
		total.Add(total, WorstLoss(sums[u]))
	}
	return total, nil
}

// WorstLoss is max(0, max over scenarios of the weighted loss) of one underlying's summed P&L.
func WorstLoss(sums *[Scenarios]big.Int) *big.Int {
	worst := new(big.Int)
	for k := range sums {
		if w := WeightedLoss(new(big.Int).Neg(&sums[k]), k); w.Cmp(worst) > 0 {
			worst = w
		}
	}
	return worst
}

// WeightedLoss is ceil(loss * weight_k / 10^6) (the loss itself for a full-weight scenario).
func WeightedLoss(loss *big.Int, k int) *big.Int {
	return ceilDiv(new(big.Int).Mul(loss, big.NewInt(ScenarioWeightsPpm[k])), big.NewInt(1e6))
}

// PortfolioInitial is ceil(maintenance * 1.25), exact.
func PortfolioInitial(maintenance *big.Int) *big.Int {
	return ceilDiv(new(big.Int).Mul(maintenance, big.NewInt(PortfolioInitialFactorPpm)), big.NewInt(1e6))
}

// Saturate is min(x, 2^63 - 1) as an int64 (the sequencer's figure).
func Saturate(x *big.Int) int64 {
	if x.Cmp(maxLong) > 0 {
		return math.MaxInt64
	}
	return x.Int64()
}

func ceilDiv(num, den *big.Int) *big.Int {
	q, m := new(big.Int).DivMod(num, den, new(big.Int)) // Euclidean, den > 0
	if m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

// RiskCommitment is H(TAG_RISK, grid version, then per market row of the circuit (rows beyond
// len(rows) are all zero): market, underlying, rangePpm, shortMinimum, pnl[0..15]), each integer
// as v mod r: the public-data element that binds a batch's arrays.
func RiskCommitment(rows []RiskRow, capacity int) (fr.Element, error) {
	if len(rows) > capacity {
		return fr.Element{}, fmt.Errorf("portfolio: %d risk rows, capacity %d", len(rows), capacity)
	}
	elems := []fr.Element{TagRisk, layout.Int(RiskGridVersion)}
	for i := 0; i < capacity; i++ {
		var row RiskRow
		if i < len(rows) {
			row = rows[i]
		}
		elems = append(elems, row.Elements()...)
	}
	return layout.Hash(elems...), nil
}

// RiskRowFields is the count of elements a row contributes to the commitment.
const RiskRowFields = 4 + Scenarios

// Elements are the row's integers in commitment order.
func (r RiskRow) Elements() []fr.Element {
	out := []fr.Element{layout.Int(r.Market), layout.Int(r.Underlying), layout.Int(r.RangePpm),
		layout.Int(r.ShortMinimum)}
	for _, p := range r.Pnl {
		out = append(out, layout.Int(p))
	}
	return out
}
