package batchvectors

import (
	"fmt"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
	"sable/circuits/vectors"
)

// PortfolioBatchesHeader heads testdata/vectors/portfoliobatches.txt.
const PortfolioBatchesHeader = `Sable -pm batch vectors, made by Go (circuits/batchvectors portfolio.go; docs/options.md "What
` + "`sable verify`" + ` checks"): batchgen.PortfolioScenario at the Portfolio capacities (alice switched to
portfolio mode after batch 1), each batch's public data (d; its market rows from index marketsat,
its risk commitment at riskat, the last element) and the risk rows it committed to, in the
circuit's form (per row: market, underlying, rangePpm, shortMinimum, pnl[0..15]). The scenario's
arrays are written by hand (Go has no Black-76): the circuit accepts them, a recomputation does not.
Regenerate: cd circuits && go run ./cmd/vectors   (deterministic)
Checked by: Go (batchvectors: the file is current); Java VerifyPortfolioBatchesTest (the commitment
of the rows is the batch's last element; sable verify's checks find the hand-written rows).`

// GeneratePortfolioBatches replays the portfolio scenario at the Portfolio capacities.
func GeneratePortfolioBatches() ([]vectors.Record, error) {
	caps := batchgen.Portfolio
	w := batchgen.NewOptionWorld(caps)
	out := []vectors.Record{vectors.NewRecord("pm.caps", "markets", itoa(caps.Markets),
		"marketsat", itoa(ledger.PubHeaderLen+3*caps.Deposits+1+caps.Withdrawals), "riskat", itoa(caps.RiskAt()))}
	out = append(out, genesis(w.State)...)
	for i, b := range batchgen.PortfolioScenario(w) {
		wit, violations, err := w.Apply(b)
		if err != nil {
			return nil, err
		}
		if len(violations) > 0 {
			return nil, fmt.Errorf("portfolio batch %d breaks %v", i+1, violations)
		}
		if i == 0 {
			if err := w.State.SetMarginMode(batchgen.PortfolioAlice, ledger.ModePortfolio); err != nil {
				return nil, err
			}
		}
		var risk []int64
		for _, r := range b.RiskRows {
			risk = append(risk, r.Market, r.Underlying, r.RangePpm, r.ShortMinimum)
			risk = append(risk, r.Pnl[:]...)
		}
		out = append(out, vectors.NewRecord("pm.batch", "number", vectors.Int(wit.Header.BatchNumber),
			"time", vectors.Int(b.Time), "d", vectors.Fes(wit.PublicData), "risk", ints(risk...)))
	}
	return out, nil
}
