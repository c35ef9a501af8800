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

// RandomBatches is how many seeded random batches follow the scenario.
const RandomBatches = 6

// Generate replays the scenario and seeded random batches at the Small capacities.
func Generate() ([]vectors.Record, error) {
	caps := ledger.Small
	out := []vectors.Record{vectors.NewRecord("settlement.caps", "markets", itoa(caps.Markets), "oracles",
		itoa(caps.Oracles), "accounts", itoa(caps.Accounts), "deposits", itoa(caps.Deposits), "orders",
		itoa(caps.Orders), "trades", itoa(caps.Trades), "withdrawals", itoa(caps.Withdrawals),
		"positionslots", itoa(ledger.PositionSlots), "oraclesources", itoa(ledger.OracleSources))}
	w := batchgen.NewWorld(caps, batchgen.BTC, batchgen.ETH)
	out = append(out, genesis(w.State)...)
	var batches []ledger.Batch
	batches = append(batches, batchgen.Scenario(w)...)
	scenario := len(batches)
	random := batchgen.NewRandom(w, 2035, batchgen.BTC, batchgen.ETH)
	for i := 0; i < scenario+RandomBatches; i++ {
		if i >= scenario {
			batches = append(batches, random.Next())
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
		records, err := batch(w.State, b, wit, i < scenario)
		if err != nil {
			return nil, err
		}
		out = append(out, records...)
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
		out = append(out, vectors.NewRecord("genesis.market", "id", vectors.Int(id), "params", ints(p.TickSize,
			p.LotSize, p.InitialMarginPpm, p.MaintenanceMarginPpm, p.MakerFeePpm, p.TakerFeePpm, p.MaxPosition,
			p.MaxPrice, p.OracleStaleness, p.FundingInterval, p.FundingClampPpm), "keys", vectors.Fes(keys),
			"leaf", vectors.Fe(m.Leaf())))
	}
	out = append(out, accountRecord("genesis.account", s, ledger.FundAccount), vectors.NewRecord("genesis.state",
		"root", vectors.Fe(s.Root())))
	return out
}

// batch lists one batch: ops, rows, results, public data and inputs, witness.
func batch(s *ledger.State, b ledger.Batch, w *ledger.Witness, fullWitness bool) ([]vectors.Record, error) {
	out := []vectors.Record{vectors.NewRecord("settlement.batch", "number", vectors.Int(b.Number), "time",
		vectors.Int(b.Time))}
	for _, f := range b.Funding {
		out = append(out, vectors.NewRecord("op.funding", "market", vectors.Int(f.Market), "rate", vectors.Int(f.RatePpm)))
	}
	for _, o := range b.Oracles {
		out = append(out, vectors.NewRecord("op.oracle", "market", vectors.Int(o.Market), "source", vectors.Int(o.Source),
			"price", vectors.Int(o.Price), "published", vectors.Int(o.PublishTime), "sig", vectors.Bytes(o.Signature)))
	}
	for _, d := range b.Deposits {
		out = append(out, vectors.NewRecord("op.deposit", "account", vectors.Int(d.Account), "amount", vectors.Int(d.Amount),
			"sender", vectors.Fe(d.Sender), "keyx", vectors.Fe(d.Key.X), "keyy", vectors.Fe(d.Key.Y),
			"blinding", vectors.Fe(d.Blinding), "refund", strconv.FormatBool(d.Refund)))
	}
	labels := map[string]string{}
	for _, t := range b.Trades {
		for _, o := range []ledger.SignedOrder{t.Maker, t.Taker} {
			if _, ok := labels[string(o.Signature)]; ok {
				continue
			}
			label := "o" + itoa(len(labels)+1)
			labels[string(o.Signature)] = label
			out = append(out, vectors.NewRecord("op.order", "label", label, "account", vectors.Int(o.Account),
				"market", vectors.Int(o.Market), "id", vectors.Int(o.ClientOrderID), "side", vectors.Int(o.Side),
				"type", vectors.Int(o.Type), "price", vectors.Int(o.Price), "quantity", vectors.Int(o.Quantity),
				"reduceonly", vectors.Int(o.ReduceOnly), "expiry", vectors.Int(o.Expiry), "stp", vectors.Int(o.Stp),
				"hash", vectors.Fe(o.Order.Hash(s.Domain)), "sig", vectors.Bytes(o.Signature)))
		}
		out = append(out, vectors.NewRecord("op.trade", "maker", labels[string(t.Maker.Signature)], "taker",
			labels[string(t.Taker.Signature)], "quantity", vectors.Int(t.Quantity), "price", vectors.Int(t.Price),
			"makerfee", vectors.Int(t.MakerFee), "takerfee", vectors.Int(t.TakerFee)))
	}
	for _, wd := range b.Withdrawals {
		out = append(out, vectors.NewRecord("op.withdraw", "account", vectors.Int(wd.Account), "amount",
			vectors.Int(wd.Amount), "recipient", vectors.Fe(wd.Recipient), "nonce", vectors.Int(wd.Nonce),
			"hash", vectors.Fe(wd.WithdrawalMessage.Hash(s.Domain)), "sig", vectors.Bytes(wd.Signature)))
	}
	out = append(out, rows(w)...)
	for _, r := range w.Accounts {
		out = append(out, accountRecord("result.account", s, r.Index))
	}
	for _, r := range w.Markets {
		out = append(out, marketRecord(s, r.Market.ID))
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
	wr, err := witnessRecords(w, fullWitness)
	if err != nil {
		return nil, err
	}
	return append(out, wr...), nil
}

// rows lists the witness's table rows: their order and choices are part of the contract.
func rows(w *ledger.Witness) []vectors.Record {
	var out []vectors.Record
	for i, r := range w.Markets {
		out = append(out, vectors.NewRecord("row.market", "row", itoa(i), "id", vectors.Int(r.Market.ID),
			"tick", strconv.FormatBool(r.Tick), "rate", vectors.Int(r.Rate), "leaf", vectors.Fe(r.Market.Leaf())))
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
	return vectors.NewRecord(kind, "index", vectors.Int(index), "exists", "true",
		"keyx", vectors.Fe(a.Key.X), "keyy", vectors.Fe(a.Key.Y), "blinding", vectors.Fe(a.Blinding),
		"collateral", vectors.Int(a.Collateral), "nonce", vectors.Int(a.Nonce), "fills", vectors.Fe(a.FillsRoot),
		"slots", strings.Join(slots, ";"), "leaf", vectors.Fe(a.Leaf()))
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

// witnessRecords gives the digest of gnark's binary witness (what Java sends through JNI) and,
// when full, every element with its name in witness order.
func witnessRecords(w *ledger.Witness, full bool) ([]vectors.Record, error) {
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
	if !full {
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
		out = append(out, vectors.NewRecord("w", "i", itoa(i), "name", names[i], "value", vectors.Fe(e)))
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
