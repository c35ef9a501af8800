package ledger

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// Portfolio-mode accounts in a batch (Capacities.Portfolio; docs/settlement.md "Portfolio margin
// in the circuit"). The batch commits a risk row per market row (Batch.RiskRows, zeros for unused
// rows); the end checks, a close's maker and a forced request hold an account whose mode is 1 to
// the portfolio initial requirement of its positions at those arrays instead of the cross one, and
// its liquidation starts below its portfolio maintenance requirement. The mode is in the account
// word; a batch changes it only by a signed switch (modeswitch.go).

// ModePortfolio is the account word's mode of a portfolio-margined account.
const ModePortfolio = 1

// RangeShift is where a portfolio batch's market element publishes its risk row's RangePpm (a
// perpetual's scenario range; an option row commits 0), above the volatility lane, so that anyone
// recomputes the arrays from public data; a range is below 2^RangeBits (the circuit's check).
const (
	RangeShift = OptionVolShift + OptionVolBits
	RangeBits  = 20
)

// SetMarginMode sets an account's margin mode outside any batch (a deployment's starting state, or
// a test's); a batch changes a mode only by a signed switch (modeswitch.go).
func (s *State) SetMarginMode(index, mode int64) error {
	acc, ok := s.accounts[index]
	if !ok || index == FundAccount || (mode != 0 && mode != ModePortfolio) {
		return fmt.Errorf("margin mode %d for account %d: no such account or mode", mode, index)
	}
	changed := *acc
	changed.Mode = mode
	s.putAccount(index, &changed)
	return nil
}

// riskRows lays the batch's risk rows out per market row and checks each against its market (the
// circuit's binding): its market id, the underlying the option's terms name (the market itself for
// a perpetual), no short minimum for a perpetual and no range for an option (its underlying's row
// carries it), a range below 2^RangeBits.
func (a *applier) riskRows() error {
	if !a.caps.Portfolio {
		if len(a.b.RiskRows) > 0 {
			return fmt.Errorf("risk rows for a circuit without portfolio margin")
		}
		return nil
	}
	if !a.caps.Options {
		return fmt.Errorf("portfolio margin needs option rows")
	}
	byMarket := map[int64]RiskRow{}
	for _, r := range a.b.RiskRows {
		if _, ok := a.marketRow[r.Market]; !ok {
			return fmt.Errorf("risk row for market %d, not in the batch", r.Market)
		}
		byMarket[r.Market] = r
	}
	a.w.Risk = make([]RiskRow, a.caps.Markets)
	for i, ms := range a.markets {
		r, ok := byMarket[ms.m.ID]
		if !ok {
			return fmt.Errorf("no risk row for market %d", ms.m.ID)
		}
		underlying, short := ms.m.ID, false
		if ms.m.Option != nil {
			underlying, short = ms.m.Option.Underlying, true
		}
		if r.Underlying != underlying || (!short && r.ShortMinimum != 0) || (short && r.RangePpm != 0) ||
			r.RangePpm < 0 || r.RangePpm >= 1<<RangeBits {
			a.violate("risk-row", "market %d: underlying %d, range %d, short minimum %d", r.Market, r.Underlying,
				r.RangePpm, r.ShortMinimum)
		}
		a.w.Risk[i] = r
	}
	return nil
}

// portfolioScope refuses a portfolio account in a circuit without portfolio margin.
func (a *applier) portfolioScope() {
	for _, st := range a.accounts {
		if st.a.Mode != 0 && !a.caps.Portfolio {
			a.violate("portfolio-mode", "account %d is in mode %d", st.index, st.a.Mode)
		}
	}
}

// initialRequirement is the account's initial requirement at the batch's marks: the cross one, or
// for a portfolio account the portfolio one at the batch's risk rows (exact, unsaturated).
func (a *applier) initialRequirement(st *accountState) *big.Int { return a.modeRequirement(st, true) }

// maintenanceRequirement is initialRequirement's maintenance twin (a liquidation's start).
func (a *applier) maintenanceRequirement(st *accountState) *big.Int {
	return a.modeRequirement(st, false)
}

func (a *applier) modeRequirement(st *accountState, initial bool) *big.Int {
	if st.a.Mode == 0 || !a.caps.Portfolio {
		if initial {
			return a.requirement(st, initialMargin)
		}
		return a.requirement(st, maintenanceMargin)
	}
	var holdings []Holding
	for p, row := range st.slotMarket {
		if row != NoRow {
			holdings = append(holdings, Holding{Market: a.markets[row].m.ID, Size: st.sizes[p]})
		}
	}
	m, err := PortfolioMaintenance(a.w.Risk, holdings)
	if err != nil {
		panic(err) // every market row has its risk row (riskRows)
	}
	if initial {
		return PortfolioInitial(m)
	}
	return m
}

// riskCommitment is the public element binding the risk rows.
func (a *applier) riskCommitment() fr.Element {
	c, err := RiskCommitment(a.w.Risk, a.caps.Markets)
	if err != nil {
		panic(err)
	}
	return c
}
