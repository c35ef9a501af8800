package vectors

import (
	"fmt"
	"strconv"
	"strings"

	"sable/circuits/ledger"
)

// PortfolioHeader heads testdata/vectors/portfolio.txt.
const PortfolioHeader = `Sable portfolio-margin vectors, made by Go (circuits/ledger portfolio.go; docs/settlement.md
"Portfolio margin in the circuit"). Regenerate: cd circuits && go run ./cmd/vectors
portfolio.set: a batch's risk arrays in RiskArrayCodec's integers (arrays) and their commitment
H(TAG_RISK, 1, per row of a table of capacity rows: market, underlying, rangePpm, shortMinimum,
pnl[0..15]); portfolio.account: positions (markets, sizes) and the requirement, saturated at 2^63 - 1.
Checked by: batch PortfolioVectorsTest (Java's PortfolioMargin and the commitment).`

// riskSample is a risk row with the codec's other fields (the portfolio rule does not read them).
type riskSample struct {
	row                          ledger.RiskRow
	kind                         int64 // the codec's: 0 perpetual, 1 call, 2 put
	strike, expiry, contractSize int64
	volPpm, mark                 int64
}

func samplePerp(market, mark, scale int64) riskSample {
	r := ledger.RiskRow{Market: market, Underlying: market, RangePpm: 300_000,
		Pnl: [16]int64{0, 0, 100, 100, -100, -100, 200, 200, -200, -200, 300, 300, -300, -300, 600, -600}}
	for s := range r.Pnl {
		r.Pnl[s] *= scale
	}
	return riskSample{row: r, mark: mark}
}

func sampleOption(market, underlying, kind, shortMinimum int64, pnl [16]int64) riskSample {
	return riskSample{row: ledger.RiskRow{Market: market, Underlying: underlying, ShortMinimum: shortMinimum, Pnl: pnl},
		kind: kind, strike: 1000, expiry: 86_400_000, contractSize: 1, volPpm: 600_000, mark: 40}
}

type portfolioSet struct {
	name     string
	capacity int
	rows     []riskSample
	accounts [][]ledger.Holding
}

func portfolioSets() []portfolioSet {
	call := sampleOption(2, 1, 1, 10, [16]int64{-5, 5, 40, 50, -30, -25, 90, 100, -45, -40, 150, 160, -50, -48, 450, -52})
	put := sampleOption(4, 3, 2, 12, [16]int64{3, -3, -30, -20, 60, 70, -55, -45, 140, 150, -70, -65, 260, 280, -80, 700})
	far := sampleOption(5, 3, 1, 7, [16]int64{14: 1001})
	huge := samplePerp(1, 1000, 1<<52)
	hugeTwin := samplePerp(3, 1000, 1<<52)
	hugeCall := sampleOption(2, 1, 1, 0, huge.row.Pnl) // an option row with the perpetual's array
	return []portfolioSet{
		{name: "book", capacity: 6, rows: []riskSample{samplePerp(1, 1000, 1), call, samplePerp(3, 2000, 2), put, far},
			accounts: [][]ledger.Holding{
				{{Market: 1, Size: 2}},
				{{Market: 1, Size: -2}},
				{{Market: 1, Size: 2}, {Market: 2, Size: -3}},
				{{Market: 1, Size: 2}, {Market: 2, Size: -3}, {Market: 3, Size: -1}},
				{{Market: 2, Size: 1}},
				{{Market: 5, Size: -1}},
				{{Market: 3, Size: 5}, {Market: 4, Size: 4}, {Market: 5, Size: -9}, {Market: 1, Size: -7}, {Market: 2, Size: 11}},
				{{Market: 4, Size: -1_000_000}, {Market: 3, Size: -250_000}},
			}},
		{name: "wide", capacity: 3, rows: []riskSample{huge, hugeCall, hugeTwin},
			accounts: [][]ledger.Holding{
				// partial sums beyond a long netting exactly to 300 x 2^52 (the sequencer's slow path)
				{{Market: 1, Size: 1 << 61}, {Market: 2, Size: -(1<<61 - 1)}},
				{{Market: 1, Size: 1 << 61}},                                // saturated
				{{Market: 1, Size: 1 << 61}, {Market: 3, Size: -(1 << 61)}}, // underlyings do not net: saturated
				{{Market: 1, Size: -(1 << 62)}, {Market: 3, Size: 1 << 62}}, // saturated both ways
				{{Market: 1, Size: 3}, {Market: 3, Size: -2}},               // exact, beyond nothing
				{{Market: 1, Size: 1 << 40}, {Market: 3, Size: -(1 << 40)}}, // 2 x 300 x 2^92: saturated
			}},
	}
}

// GeneratePortfolio returns the portfolio-margin vectors.
func GeneratePortfolio() ([]Record, error) {
	var out []Record
	for _, set := range portfolioSets() {
		rows := make([]ledger.RiskRow, len(set.rows))
		for i := range set.rows {
			rows[i] = set.rows[i].row
		}
		commitment, err := ledger.RiskCommitment(rows, set.capacity)
		if err != nil {
			return nil, err
		}
		out = append(out, NewRecord("portfolio.set", "name", set.name, "capacity", strconv.Itoa(set.capacity),
			"arrays", joinInts(codecLongs(set.rows)), "commitment", Fe(commitment)))
		for _, holdings := range set.accounts {
			m, err := ledger.PortfolioMaintenance(rows, holdings)
			if err != nil {
				return nil, err
			}
			markets, sizes := make([]int64, len(holdings)), make([]int64, len(holdings))
			for i, h := range holdings {
				markets[i], sizes[i] = h.Market, h.Size
			}
			out = append(out, NewRecord("portfolio.account", "set", set.name, "markets", joinInts(markets),
				"sizes", joinInts(sizes), "maintenance", fmt.Sprint(ledger.Saturate(m)),
				"initial", fmt.Sprint(ledger.Saturate(ledger.PortfolioInitial(m))), "exact", m.String()))
		}
	}
	return out, nil
}

// codecLongs is RiskArrayCodec's encoding (docs/options.md "Canonical encoding") of the rows, in
// ascending market order, every perpetual row also an underlying.
func codecLongs(rows []riskSample) []int64 {
	out := []int64{1, ledger.RiskGridVersion, 0}
	var underlyings []int64
	for _, r := range rows {
		if r.kind == 0 {
			underlyings = append(underlyings, r.row.Market, r.mark, r.row.RangePpm)
		}
	}
	out = append(out, int64(len(underlyings)/3))
	out = append(out, underlyings...)
	out = append(out, int64(len(rows)))
	for _, r := range rows {
		var lot, tick int64
		if r.kind != 0 {
			tick, lot = 1, 1
		}
		out = append(out, r.row.Market, r.row.Underlying, r.kind, r.strike, r.expiry, r.contractSize, tick, lot,
			r.volPpm, r.mark, r.row.ShortMinimum)
		out = append(out, r.row.Pnl[:]...)
	}
	return out
}

func joinInts(v []int64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.FormatInt(x, 10)
	}
	return strings.Join(s, ",")
}
