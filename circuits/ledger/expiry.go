package ledger

import (
	"math/big"
)

// The expiry step (docs/settlement.md, "Option expiry"): at the first batch whose time is at or
// after an option's expiry and whose underlying mark is valid (the sequencer's rule,
// docs/options.md "Expiry"), every position in the option closes at the payoff per unit
// max(0, S - strike) * contractSize (call) or max(0, strike - S) * contractSize (put), S the
// underlying's mark at that batch; collateral changes by size * payoff and the slot empties. An
// expired option takes no fill and has no valid mark. The option's leaf keeps S from that first
// settling batch on, in its unused funding lanes (Funded = settled, LastFundingTime = S): a
// position a later batch closes settles at the stored S, whatever the underlying's mark then.

// Expiry is one position the batch settles at its option's expiry.
type Expiry struct {
	Account int64
	Market  int64
}

// ExpiryRow is one expiry step of the witness: the account row and slot it closes, the settlement
// price S (the underlying's mark) and the payoff per unit it uses.
type ExpiryRow struct {
	AccountRow, Slot   int
	Settlement, Payoff int64
}

// Payoff is an option's cash settlement per unit at the settlement price s.
func Payoff(o OptionTerms, s int64) *big.Int {
	diff := new(big.Int).Sub(big.NewInt(s), big.NewInt(o.Strike))
	if o.Kind == Put {
		diff.Neg(diff)
	}
	if diff.Sign() < 0 {
		diff.SetInt64(0)
	}
	return diff.Mul(diff, big.NewInt(o.ContractSize))
}

// expired reports whether an option row is at or after its expiry at the batch time.
func (a *applier) expired(ms *marketState) bool {
	return ms.m.Option != nil && a.b.Time >= ms.m.Option.Expiry
}

// settlesNow reports whether an option row settles in this batch: expired, and either settled
// before (its S is stored) or with a valid underlying mark (without one the sequencer halts it
// until one arrives).
func (a *applier) settlesNow(ms *marketState) bool {
	return a.expired(ms) && (ms.m.Funded || a.markets[a.marketRow[ms.m.Option.Underlying]].valid)
}

// settlementPrice is an option row's S in this batch: the stored one once settled, else the
// underlying's mark.
func (a *applier) settlementPrice(ms *marketState) int64 {
	if ms.m.Funded {
		return ms.m.LastFundingTime
	}
	return a.markets[a.marketRow[ms.m.Option.Underlying]].m.Mark
}

// expiries applies the batch's expiry steps, in the batch's order.
func (a *applier) expiries() {
	for _, e := range a.b.Expiries {
		row, ok := a.accountRow[e.Account]
		mr, known := a.marketRow[e.Market]
		if !ok || !known {
			a.violate("expiry-market", "expiry of account %d in market %d: no such row", e.Account, e.Market)
			continue
		}
		st, ms := a.accounts[row], a.markets[mr]
		slot := -1
		for p, m := range st.slotMarket {
			if m == mr && st.sizes[p] != 0 {
				slot = p
			}
		}
		if slot < 0 {
			a.violate("expiry-position", "account %d holds no position in market %d", e.Account, e.Market)
			continue
		}
		if ms.m.Option == nil {
			a.violate("expiry-market", "market %d is not an option market", e.Market)
			continue
		}
		if !a.settlesNow(ms) { // applied all the same: the witness shows the step the circuit refuses
			a.violate("expiry-early", "market %d does not settle at batch time %d", e.Market, a.b.Time)
		}
		s := a.settlementPrice(ms)
		payoff := a.int64Of("payoff", Payoff(*ms.m.Option, s))
		st.collateral.Add(st.collateral, new(big.Int).Mul(big.NewInt(st.sizes[slot]), big.NewInt(payoff)))
		st.sizes[slot], st.costs[slot] = 0, 0
		a.w.Expiries = append(a.w.Expiries, ExpiryRow{AccountRow: row, Slot: slot, Settlement: s, Payoff: payoff})
	}
	a.expiredClosed()
	for _, ms := range a.markets {
		if ms.m.Option != nil && a.settlesNow(ms) {
			ms.m.LastFundingTime, ms.m.Funded = a.settlementPrice(ms), true
		}
	}
}

// expiredClosed: after the expiry steps, no account holds a position in an option that settles in
// this batch. The ledger sees every account; the circuit sees the batch's account rows only.
func (a *applier) expiredClosed() {
	for _, ms := range a.markets {
		if !a.settlesNow(ms) {
			continue
		}
		for _, index := range sortedAccounts(a.s.accounts) {
			holds := false
			if row, ok := a.accountRow[index]; ok {
				st := a.accounts[row]
				for p, m := range st.slotMarket {
					holds = holds || (m == a.marketRow[ms.m.ID] && st.sizes[p] != 0)
				}
			} else {
				for _, s := range a.s.accounts[index].Slots {
					holds = holds || (s.Market == ms.m.ID && s.Size != 0)
				}
			}
			if holds {
				a.violate("expiry-open", "account %d still holds a position in expired option market %d", index, ms.m.ID)
			}
		}
	}
}

func sortedAccounts(accounts map[int64]*Account) []int64 {
	set := make(map[int64]bool, len(accounts))
	for k := range accounts {
		set[k] = true
	}
	return sortedKeys(set)
}
