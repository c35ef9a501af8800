// Package batchvectors makes the whole-batch settlement vectors (testdata/vectors/settlement.txt):
// for each batch of a fixed history, its operations (the inputs), the table rows the witness is
// made of, every changed leaf, the roots, the public data, the public inputs and the circuit's
// full witness, so that Java's batch builder can be checked value by value.
package batchvectors

import (
	"crypto/sha256"
	"fmt"
	"strconv"
	"strings"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/batchgen"
	"sable/circuits/catalog"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
	"sable/circuits/vectors"
)

// Header heads settlement.txt.
const Header = `Sable whole-batch settlement vectors, made by Go (circuits/batchvectors; docs/settlement.md,
"Test vectors"). Regenerate: cd circuits && go run ./cmd/vectors   (deterministic)
Checked by: Go (batchvectors tests: the file is current, and every witness solves the circuit);
Java's batch builder must reproduce every result, row and witness record from the op records.`

// LiquidationHeader heads liquidation.txt.
const LiquidationHeader = `Sable liquidation batch vectors, made by Go (circuits/batchvectors; docs/settlement.md,
"Test vectors"): two histories at the Sweep capacities, each from its own genesis (the liquidation
scenario, then the bound scenario), in the format of settlement.txt plus the liquidation op and
row records. Regenerate: cd circuits && go run ./cmd/vectors   (deterministic)
Checked by: Go (batchvectors tests: the file is current, and every witness solves the circuit);
Java's batch builder must reproduce every result, row and witness record from the op records.`

// ForcedHeader heads forced.txt.
const ForcedHeader = `Sable forced withdrawal request vectors, made by Go (circuits/batchvectors; docs/settlement.md,
"Forced withdrawal requests"): the scenario at the Forced capacities (three request slots), whose
batch 3 also serves valid requests and batch 4 invalid ones, in the format of settlement.txt plus
the request records (op.request, row.request, result.requests). Regenerate: cd circuits && go run
./cmd/vectors   (deterministic)
Checked by: Go (batchvectors tests: the file is current, and every witness solves the circuit);
Java's batch builder must reproduce every result, row and witness record from the op records.`

// GenerateForced replays the forced-request scenario at the Forced capacities (forced.txt),
// listing every witness element of the batches that serve requests.
func GenerateForced() ([]vectors.Record, error) {
	w := batchgen.NewWorld(batchgen.Forced, batchgen.BTC, batchgen.ETH)
	return history{caps: batchgen.Forced, world: w, batches: batchgen.ForcedScenario(w),
		listed: func(_ int, b ledger.Batch) func(string) bool {
			if len(b.Requests) == 0 {
				return nil
			}
			return func(string) bool { return true }
		}}.records()
}

// OwnerBatchesHeader heads ownerbatches.txt.
const OwnerBatchesHeader = `Sable owner-data batch vectors, made by Go (circuits/batchvectors; docs/bridge.md, "Public
data, part 2"): the scenario and seeded random batches at the Owner capacities (Sweep with the
owner-data section), in the format of settlement.txt; the caps record adds ownerdata 1 and the
operator's owner-data secret, from which each batch's ephemeral scalar is derived
(ledger.EphemeralScalar). Regenerate: cd circuits && go run ./cmd/vectors   (deterministic)
Checked by: Go (batchvectors tests: the file is current, and every witness solves the circuit);
Java's batch builder must reproduce every result, row, public data element (the owner-data
section included) and witness record from the op records and the secret.`

// GenerateOwnerBatches replays the scenario and seeded random batches at the Owner capacities
// (ownerbatches.txt), listing every witness element of the scenario's batches.
func GenerateOwnerBatches() ([]vectors.Record, error) {
	w := batchgen.NewWorld(ledger.Owner, batchgen.BTC, batchgen.ETH)
	batches := batchgen.Scenario(w)
	return history{caps: ledger.Owner, world: w, batches: batches,
		random: batchgen.NewRandom(w, 2036, batchgen.BTC, batchgen.ETH),
		listed: func(i int, _ ledger.Batch) func(string) bool {
			if i < len(batches) {
				return func(string) bool { return true }
			}
			return nil
		}}.records()
}

// OptionsHeader heads options.txt.
const OptionsHeader = `Sable option-row vectors, made by Go (circuits/batchvectors; docs/settlement.md, "Option
markets"): the option scenario at the Options capacities (market rows that may be option rows), in
the format of settlement.txt plus the option terms of genesis.market, the op.optionmark records
(the committed marks) and the option fields of row.market. Regenerate: cd circuits && go run
./cmd/vectors   (deterministic)
Checked by: Go (batchvectors tests: the file is current, and every witness solves the circuit);
Java's batch builder must reproduce every result, row and witness record from the op records.`

// GenerateOptions replays the option scenario at the Options capacities (options.txt), listing
// every witness element of every batch.
func GenerateOptions() ([]vectors.Record, error) {
	w := batchgen.NewOptionWorld(batchgen.Options)
	return history{caps: batchgen.Options, world: w, batches: batchgen.OptionScenario(w),
		listed: func(int, ledger.Batch) func(string) bool { return func(string) bool { return true } }}.records()
}

// ExpiriesHeader heads expiries.txt.
const ExpiriesHeader = `Sable expiry-step vectors, made by Go (circuits/batchvectors; docs/settlement.md, "Option
expiry"): the option scenario at the OptionExpiries capacities (-e6-opt), then the batch at the options'
expiry (batchgen.ExpiryBatch), once at S = 52,000 (calls pay) and once at S = 47,000 (puts pay), in
the format of options.txt plus the op.expiry records (the positions the batch settles), the
row.expiry records (the witness's expiry steps) and the expiries field of settlement.caps. The
expiry batches list every witness element. Regenerate: cd circuits && go run ./cmd/vectors
(deterministic)
Checked by: Go (batchvectors tests: the file is current, and every listed witness solves the
circuit); Java's batch builder must reproduce every result, row and witness record from the op
records.`

// GenerateExpiries replays the option scenario and its expiry batch at the OptionExpiries
// capacities (expiries.txt), at two settlement prices, listing every witness element of the
// expiry batches.
func GenerateExpiries() ([]vectors.Record, error) {
	var out []vectors.Record
	for _, s := range []int64{52_000, 47_000} {
		w := batchgen.NewOptionWorld(batchgen.OptionExpiries)
		scenario := batchgen.OptionScenario(w)
		records, err := history{caps: batchgen.OptionExpiries, world: w, batches: scenario,
			last: func(w *batchgen.World) ledger.Batch { return batchgen.ExpiryBatch(w, s) },
			listed: func(i int, _ ledger.Batch) func(string) bool {
				if i < len(scenario) {
					return nil
				}
				return func(string) bool { return true }
			}}.records()
		if err != nil {
			return nil, err
		}
		out = append(out, records...)
	}
	return out, nil
}

// PortfolioHeader heads pmbatches.txt.
const PortfolioHeader = `Sable portfolio-margin batch vectors, made by Go (circuits/batchvectors; docs/settlement.md,
"Portfolio margin in the circuit"): the portfolio scenario at the Portfolio capacities (-opt-pm), in
the format of options.txt plus the op.risk records (the batch's committed risk rows), the state.mode
record (a margin mode set outside any batch, ledger.State.SetMarginMode, before the batch that
follows it) and the mode of a portfolio account's records. The scenario's arrays are written by
hand (Go has no Black-76): the circuit accepts them, a recomputation does not. Regenerate: cd
circuits && go run ./cmd/vectors   (deterministic)
Checked by: Go (batchvectors tests: the file is current, and every witness solves the circuit);
Java's batch builder must reproduce every result, row, public data element (the risk commitment
included) and witness record from the op records (PortfolioBatchVectorsTest); sable verify's checks,
given each batch's result.pubdata and op.risk records, find the hand-written rows
(VerifyPortfolioBatchesTest).`

// GeneratePortfolio replays the portfolio scenario at the Portfolio capacities (pmbatches.txt),
// alice set to portfolio mode after the first batch, listing every witness element of every batch.
func GeneratePortfolio() ([]vectors.Record, error) {
	w := batchgen.NewOptionWorld(batchgen.Portfolio)
	return history{caps: batchgen.Portfolio, world: w, batches: batchgen.PortfolioScenario(w),
		listed: func(int, ledger.Batch) func(string) bool { return func(string) bool { return true } },
		after: func(i int, s *ledger.State) ([]vectors.Record, error) {
			if i != 0 {
				return nil, nil
			}
			if err := s.SetMarginMode(batchgen.PortfolioAlice, ledger.ModePortfolio); err != nil {
				return nil, err
			}
			return []vectors.Record{vectors.NewRecord("state.mode", "account", vectors.Int(batchgen.PortfolioAlice),
				"mode", vectors.Int(ledger.ModePortfolio), "root", vectors.Fe(s.Root()))}, nil
		}}.records()
}

// PortfolioSwitchHeader heads pmswitch.txt.
const PortfolioSwitchHeader = `Sable margin-mode switch batch vectors, made by Go (circuits/batchvectors; docs/settlement.md,
"The margin-mode switch"): batchgen.PortfolioSwitchScenario at the PortfolioSwitches capacities
(-s2-opt-pm), alice switching to portfolio margin and back by signed requests (the op.switch
records: account, mode, request id, message hash, signature), in the format of pmbatches.txt.
Regenerate: cd circuits && go run ./cmd/vectors   (deterministic)
Checked by: Go (batchvectors tests: the file is current, and every witness solves the circuit);
Java's batch builder must reproduce every result, row, public data element and witness record
(the switch slots included) from the op records.`

// GeneratePortfolioSwitch replays the switch scenario at the PortfolioSwitches capacities
// (pmswitch.txt), listing every witness element of every batch.
func GeneratePortfolioSwitch() ([]vectors.Record, error) {
	w := batchgen.NewOptionWorld(batchgen.PortfolioSwitches)
	return history{caps: batchgen.PortfolioSwitches, world: w, batches: batchgen.PortfolioSwitchScenario(w),
		listed: func(int, ledger.Batch) func(string) bool { return func(string) bool { return true } }}.records()
}

// PortfolioLiquidationHeader heads pmliq.txt.
const PortfolioLiquidationHeader = `Sable portfolio liquidation and forced request batch vectors, made by Go (circuits/batchvectors;
docs/settlement.md "Portfolio margin in the circuit"): batchgen.PortfolioLiquidationScenario at the
PortfolioLiquidations capacities (-l2-q1-s2-opt-pm): alice (portfolio margin by her signed switch)
is paid her forced request down to her portfolio initial requirement (1,512,700; the cross rule
would pay nothing); carol switches to portfolio margin and is liquidated below her portfolio
maintenance (the fund takes her short over at 51,010), in the format of pmswitch.txt plus the
forced.txt and liquidation.txt records. Regenerate: cd circuits && go run ./cmd/vectors
(deterministic)
Checked by: Go (batchvectors tests: the file is current, and every witness solves the circuit);
Java's batch builder must reproduce every result, row, public data element and witness record
(the request slot and liquidation steps included) from the op records
(PortfolioLiquidationVectorsTest).`

// GeneratePortfolioLiquidation replays the portfolio liquidation scenario at the
// PortfolioLiquidations capacities (pmliq.txt), listing every witness element of every batch.
func GeneratePortfolioLiquidation() ([]vectors.Record, error) {
	w := batchgen.NewOptionWorld(batchgen.PortfolioLiquidations)
	return history{caps: batchgen.PortfolioLiquidations, world: w, batches: batchgen.PortfolioLiquidationScenario(w),
		listed: func(int, ledger.Batch) func(string) bool { return func(string) bool { return true } }}.records()
}

// OptionLiquidationHeader heads optliq.txt.
const OptionLiquidationHeader = `Sable option liquidation batch vectors, made by Go (circuits/batchvectors; docs/settlement.md
"Liquidations" and "Option markets"): batchgen.OptionLiquidationScenario at the OptionLiquidations
capacities (-l4-opt): carol's short puts closed into dan's offer and taken over by the fund at the
option's mark, the fund's unwind into alice's offer, then dan's short puts auto-deleveraged against
alice, every fill's premium moved to collateral, in the format of options.txt plus the
liquidation.txt records. Regenerate: cd circuits && go run ./cmd/vectors (deterministic)
Checked by: Go (batchvectors tests: the file is current, and every witness solves the circuit);
Java's batch builder must reproduce every result, row, public data element and witness record
(the liquidation steps included) from the op records (OptionLiquidationVectorsTest).`

// GenerateOptionLiquidation replays the option liquidation scenario at the OptionLiquidations
// capacities (optliq.txt), listing every witness element of every batch.
func GenerateOptionLiquidation() ([]vectors.Record, error) {
	w := batchgen.NewOptionWorld(batchgen.OptionLiquidations)
	return history{caps: batchgen.OptionLiquidations, world: w, batches: batchgen.OptionLiquidationScenario(w),
		listed: func(int, ledger.Batch) func(string) bool { return func(string) bool { return true } }}.records()
}

// RandomBatches is how many seeded random batches follow the scenario.
const RandomBatches = 6

// A history is one world from its genesis and the batches applied to it; listed(i) says which
// witness elements of batch i the file lists one by one (nil: only the digest).
type history struct {
	caps    ledger.Capacities
	world   *batchgen.World
	batches []ledger.Batch
	random  *batchgen.Random // makes RandomBatches more after the batches, if set
	// last makes one more batch from the state after the others (nil: none)
	last   func(w *batchgen.World) ledger.Batch
	listed func(i int, b ledger.Batch) func(name string) bool
	// after changes the state outside any batch after batch i and lists the change (nil: none)
	after func(i int, s *ledger.State) ([]vectors.Record, error)
}

// Generate replays the scenario and seeded random batches at the Small capacities
// (settlement.txt), listing every witness element of the scenario's batches.
func Generate() ([]vectors.Record, error) {
	w := batchgen.NewWorld(ledger.Small, batchgen.BTC, batchgen.ETH)
	batches := batchgen.Scenario(w)
	every := func(string) bool { return true }
	return history{caps: ledger.Small, world: w, batches: batches,
		random: batchgen.NewRandom(w, 2035, batchgen.BTC, batchgen.ETH),
		listed: func(i int, _ ledger.Batch) func(string) bool {
			if i < len(batches) {
				return every
			}
			return nil
		}}.records()
}

// GenerateLiquidation replays the liquidation and bound scenarios at the Sweep capacities
// (liquidation.txt). It lists the liquidation steps' witness elements of every batch with steps,
// and every element of the first one.
func GenerateLiquidation() ([]vectors.Record, error) {
	first := true
	listed := func(_ int, b ledger.Batch) func(string) bool {
		if len(b.Liquidations) == 0 && len(b.Unwinds) == 0 {
			return nil
		}
		if first {
			first = false
			return func(string) bool { return true }
		}
		return func(name string) bool { return strings.HasPrefix(name, "Liquidations_") }
	}
	var out []vectors.Record
	w := batchgen.NewWorld(batchgen.Sweep, batchgen.BTC, batchgen.ETH)
	bound := batchgen.NewWorldWith(batchgen.Sweep, batchgen.BoundParams(), batchgen.BTC)
	for _, h := range []history{
		{caps: batchgen.Sweep, world: w, batches: batchgen.LiquidationScenario(w), listed: listed},
		{caps: batchgen.Sweep, world: bound, batches: batchgen.BoundScenario(bound), listed: listed},
	} {
		records, err := h.records()
		if err != nil {
			return nil, err
		}
		out = append(out, records...)
	}
	return out, nil
}

func (h history) records() ([]vectors.Record, error) {
	caps, w := h.caps, h.world
	fields := []string{"markets", itoa(caps.Markets), "oracles", itoa(caps.Oracles), "accounts",
		itoa(caps.Accounts), "deposits", itoa(caps.Deposits), "orders", itoa(caps.Orders), "trades",
		itoa(caps.Trades), "withdrawals", itoa(caps.Withdrawals), "steps", itoa(caps.Steps), "positionslots",
		itoa(ledger.PositionSlots), "oraclesources", itoa(ledger.OracleSources)}
	if caps.Requests > 0 { // only then, so the files without request slots keep their records
		fields = append(fields, "requests", itoa(caps.Requests))
	}
	if caps.Expiries > 0 { // likewise
		fields = append(fields, "expiries", itoa(caps.Expiries))
	}
	if caps.Options { // likewise
		fields = append(fields, "options", "true")
	}
	if caps.Portfolio {
		fields = append(fields, "portfolio", "true")
	}
	if caps.Switches > 0 {
		fields = append(fields, "switches", itoa(caps.Switches))
	}
	if caps.OwnerData {
		fields = append(fields, "ownerdata", "1", "ownersecret", vectors.Bytes(batchgen.OwnerSecret))
	}
	if caps.Blobs == 1 { // the files made before several blobs say "blob"
		fields = append(fields, "blob", "true")
	} else if caps.Blobs > 1 {
		fields = append(fields, "blobs", itoa(caps.Blobs))
	}
	out := []vectors.Record{vectors.NewRecord("settlement.caps", fields...)}
	out = append(out, genesis(w.State)...)
	batches := h.batches
	n := len(batches)
	if h.random != nil {
		n += RandomBatches
	}
	if h.last != nil {
		n++
	}
	for i := 0; i < n; i++ {
		if i >= len(batches) && h.random != nil {
			batches = append(batches, h.random.Next())
		} else if i >= len(batches) {
			batches = append(batches, h.last(w))
		}
		b := batches[i]
		wit, violations, err := w.Apply(b)
		if err != nil {
			return nil, err
		}
		if len(violations) > 0 {
			return nil, fmt.Errorf("batch %d breaks %v", i+1, violations)
		}
		b.Number = wit.Header.BatchNumber
		records, err := batch(w.State, b, wit, h.listed(i, b))
		if err != nil {
			return nil, err
		}
		out = append(out, records...)
		if h.after != nil {
			changed, err := h.after(i, w.State)
			if err != nil {
				return nil, err
			}
			out = append(out, changed...)
		}
	}
	return out, nil
}

func genesis(s *ledger.State) []vectors.Record {
	out := []vectors.Record{vectors.NewRecord("settlement.genesis", "chain", vectors.Int(s.Domain.ChainID),
		"contract", vectors.Fe(s.Domain.Contract))}
	for _, id := range s.MarketIDs() {
		m, _ := s.Market(id)
		p := m.Params
		keys := make([]fr.Element, 0, 2*ledger.OracleSources)
		for _, k := range m.OracleKeys {
			keys = append(keys, k.X, k.Y)
		}
		fields := []string{"id", vectors.Int(id), "params", ints(p.TickSize, p.LotSize, p.InitialMarginPpm,
			p.MaintenanceMarginPpm, p.MakerFeePpm, p.TakerFeePpm, p.MaxPosition, p.MaxPrice, p.OracleStaleness,
			p.FundingInterval, p.FundingClampPpm), "keys", vectors.Fes(keys)}
		if o := m.Option; o != nil {
			fields = append(fields, "option", ints(o.Underlying, o.Kind, o.Strike, o.Expiry, o.ContractSize))
		}
		out = append(out, vectors.NewRecord("genesis.market", append(fields, "leaf", vectors.Fe(m.Leaf()))...))
	}
	out = append(out, accountRecord("genesis.account", s, ledger.FundAccount), vectors.NewRecord("genesis.state",
		"root", vectors.Fe(s.Root())))
	return out
}

// batch lists one batch: ops, rows, results, public data and inputs, witness.
func batch(s *ledger.State, b ledger.Batch, w *ledger.Witness, listed func(string) bool) ([]vectors.Record, error) {
	out := []vectors.Record{vectors.NewRecord("settlement.batch", "number", vectors.Int(b.Number), "time",
		vectors.Int(b.Time))}
	out = append(out, ops(s.Domain, b)...)
	out = append(out, rows(w)...)
	for _, r := range w.Accounts {
		out = append(out, accountRecord("result.account", s, r.Index))
	}
	for _, r := range w.Markets {
		out = append(out, marketRecord(s, r.Market.ID))
	}
	if w.Caps.Requests > 0 {
		out = append(out, vectors.NewRecord("result.requests", "start", vectors.Int(w.RequestStart), "served",
			vectors.Int(s.RequestsServed)))
	}
	for i, root := range w.RowRoots {
		out = append(out, vectors.NewRecord("result.rowroot", "row", itoa(i), "root", vectors.Fe(root)))
	}
	out = append(out,
		vectors.NewRecord("result.state", "accounts", vectors.Fe(s.AccountsRoot()), "markets", vectors.Fe(s.MarketsRoot()),
			"feepool", vectors.Int(s.FeePool), "fundingpool", vectors.Int(s.FundingPool), "time", vectors.Int(s.Time),
			"deposits", vectors.Int(s.DepositCount), "root", vectors.Fe(s.Root())),
		vectors.NewRecord("result.pubdata", "d", vectors.Fes(w.PublicData)),
		vectors.NewRecord("result.public", "c", vectors.Fe(w.Public.Commitment), "z", vectors.Fe(w.Public.Challenge),
			"y", vectors.Fe(w.Public.Evaluation)))
	wr, err := witnessRecords(w, listed)
	if err != nil {
		return nil, err
	}
	return append(out, wr...), nil
}

// rows lists the witness's table rows: their order and choices are part of the contract.
func rows(w *ledger.Witness) []vectors.Record {
	var out []vectors.Record
	for i, r := range w.Markets {
		fields := []string{"row", itoa(i), "id", vectors.Int(r.Market.ID), "tick", strconv.FormatBool(r.Tick),
			"rate", vectors.Int(r.Rate)}
		if r.Market.Option != nil {
			fields = append(fields, "underlyingrow", itoa(r.UnderlyingRow), "optionmark", vectors.Int(r.OptionMark),
				"optionvalid", strconv.FormatBool(r.OptionValid), "optionvol", vectors.Int(r.OptionVol))
		}
		out = append(out, vectors.NewRecord("row.market", append(fields, "leaf", vectors.Fe(r.Market.Leaf()))...))
	}
	for i, r := range w.Accounts {
		out = append(out, vectors.NewRecord("row.account", "row", itoa(i), "index", vectors.Int(r.Index),
			"exists", strconv.FormatBool(r.Exists), "slotmarkets", joinInts(r.SlotMarket[:])))
	}
	for i, r := range w.Orders {
		out = append(out, vectors.NewRecord("row.order", "row", itoa(i), "accountrow", itoa(r.AccountRow),
			"marketrow", itoa(r.MarketRow), "id", vectors.Int(r.Order.ClientOrderID), "fillempty",
			strconv.FormatBool(r.FillEmpty), "fillid", vectors.Int(r.Fill.ClientOrderID), "fillfilled",
			vectors.Int(r.Fill.Filled)))
	}
	for i, t := range w.Trades {
		out = append(out, vectors.NewRecord("row.trade", "slot", itoa(i), "makerrow", itoa(t.Maker), "takerrow",
			itoa(t.Taker), "makerslot", itoa(t.MakerSlot), "takerslot", itoa(t.TakerSlot)))
	}
	for i, d := range w.Deposits {
		out = append(out, vectors.NewRecord("row.deposit", "slot", itoa(i), "accountrow", itoa(d.Row)))
	}
	for i, wd := range w.Withdrawals {
		out = append(out, vectors.NewRecord("row.withdrawal", "slot", itoa(i), "accountrow", itoa(wd.AccountRow)))
	}
	for i, r := range w.Requests {
		out = append(out, vectors.NewRecord("row.request", "slot", itoa(i), "accountrow", itoa(r.AccountRow),
			"paid", vectors.Int(r.Paid)))
	}
	for i, e := range w.Expiries {
		out = append(out, vectors.NewRecord("row.expiry", "step", itoa(i), "accountrow", itoa(e.AccountRow), "slot",
			itoa(e.Slot), "settlement", vectors.Int(e.Settlement), "payoff", vectors.Int(e.Payoff)))
	}
	for i, r := range w.Steps {
		out = append(out, vectors.NewRecord("row.step", "step", itoa(i), "kind", itoa(r.Kind), "end",
			strconv.FormatBool(r.End), "accountrow", itoa(r.AccountRow), "slot", itoa(r.Slot), "otherrow",
			itoa(r.OtherRow), "otherslot", itoa(r.OtherSlot), "order", itoa(r.Order), "quantity", vectors.Int(r.Quantity),
			"price", vectors.Int(r.Price), "makerfee", vectors.Int(r.MakerFee), "takerfee", vectors.Int(r.TakerFee),
			"first", strconv.FormatBool(r.First), "hold", itoa(r.Hold), "holdslot", itoa(r.HoldSlot), "holdfundslot",
			itoa(r.HoldFundSlot), "covered", vectors.Int(r.Covered), "surplus", vectors.Int(r.Surplus), "uncovered",
			vectors.Int(r.Uncovered)))
	}
	return out
}

func accountRecord(kind string, s *ledger.State, index int64) vectors.Record {
	a, ok := s.Account(index)
	if !ok {
		return vectors.NewRecord(kind, "index", vectors.Int(index), "exists", "false", "leaf", vectors.Fe(fr.Element{}))
	}
	slots := make([]string, len(a.Slots))
	for p, sl := range a.Slots {
		slots[p] = fmt.Sprintf("%d:%d:%d:%d", sl.Market, sl.Size, sl.Cost, sl.FundingIndex)
	}
	fields := []string{"index", vectors.Int(index), "exists", "true",
		"keyx", vectors.Fe(a.Key.X), "keyy", vectors.Fe(a.Key.Y), "blinding", vectors.Fe(a.Blinding),
		"collateral", vectors.Int(a.Collateral), "nonce", vectors.Int(a.Nonce), "fills", vectors.Fe(a.FillsRoot),
		"slots", strings.Join(slots, ";")}
	if a.Mode != 0 { // only then, so the files without portfolio accounts keep their records
		fields = append(fields, "mode", vectors.Int(a.Mode))
	}
	return vectors.NewRecord(kind, append(fields, "leaf", vectors.Fe(a.Leaf()))...)
}

func marketRecord(s *ledger.State, id int64) vectors.Record {
	m, _ := s.Market(id)
	records := make([]string, len(m.Records))
	for i, r := range m.Records {
		records[i] = fmt.Sprintf("%d:%d", r.Price, r.PublishTime)
	}
	return vectors.NewRecord("result.market", "id", vectors.Int(id), "mark", vectors.Int(m.Mark), "fundingindex",
		vectors.Int(m.FundingIndex), "lastfunding", vectors.Int(m.LastFundingTime), "funded", strconv.FormatBool(m.Funded),
		"records", strings.Join(records, ";"), "leaf", vectors.Fe(m.Leaf()))
}

// witnessRecords gives the digest of gnark's binary witness (what Java sends through JNI) and the
// elements listed selects, each with its index and name, in witness order.
func witnessRecords(w *ledger.Witness, listed func(string) bool) ([]vectors.Record, error) {
	a, err := settlement.Assign(w)
	if err != nil {
		return nil, err
	}
	wit, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
	if err != nil {
		return nil, err
	}
	bin, err := wit.MarshalBinary()
	if err != nil {
		return nil, err
	}
	elements := wit.Vector().(fr.Vector)
	digest := sha256.Sum256(bin)
	out := []vectors.Record{vectors.NewRecord("result.witness", "public", "3", "elements", itoa(len(elements)),
		"sha256", vectors.Bytes(digest[:]))}
	if listed == nil {
		return out, nil
	}
	names, err := Names(w.Caps)
	if err != nil {
		return nil, err
	}
	if len(names) != len(elements) {
		return nil, fmt.Errorf("%d witness names for %d elements", len(names), len(elements))
	}
	for i, e := range elements {
		if listed(names[i]) {
			out = append(out, vectors.NewRecord("w", "i", itoa(i), "name", names[i], "value", vectors.Fe(e)))
		}
	}
	return out, nil
}

// Names lists the circuit's witness elements in witness order (public first), as gnark names them.
func Names(caps ledger.Capacities) ([]string, error) {
	elements, err := catalog.Elements(settlement.Name(caps))
	if err != nil {
		return nil, err
	}
	names := make([]string, len(elements))
	for i, e := range elements {
		names[i] = e.Name
	}
	return names, nil
}

func itoa(x int) string { return strconv.Itoa(x) }

func ints(xs ...int64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = vectors.Int(x)
	}
	return strings.Join(parts, ",")
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = itoa(x)
	}
	return strings.Join(parts, ",")
}
