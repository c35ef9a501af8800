package batchvectors

import (
	"strconv"

	"sable/circuits/layout"
	"sable/circuits/ledger"
	"sable/circuits/vectors"
)

// ops lists a batch's inputs in slot order: funding ticks, oracle prices, the option marks, the
// risk rows, deposits, orders and trades, withdrawals, the expiry steps, margin-mode switches, then the liquidation sweep (each liquidation and its
// events) and the fund's unwinding fills. Each signed order is listed once, labelled, before the
// first fill that uses it.
func ops(d layout.Domain, b ledger.Batch) []vectors.Record {
	var out []vectors.Record
	for _, f := range b.Funding {
		out = append(out, vectors.NewRecord("op.funding", "market", vectors.Int(f.Market), "rate", vectors.Int(f.RatePpm)))
	}
	for _, o := range b.Oracles {
		out = append(out, vectors.NewRecord("op.oracle", "market", vectors.Int(o.Market), "source", vectors.Int(o.Source),
			"price", vectors.Int(o.Price), "published", vectors.Int(o.PublishTime), "sig", vectors.Bytes(o.Signature)))
	}
	for _, m := range b.OptionMarks {
		out = append(out, vectors.NewRecord("op.optionmark", "market", vectors.Int(m.Market), "mark",
			vectors.Int(m.Mark), "valid", strconv.FormatBool(m.Valid), "vol", vectors.Int(m.VolPpm)))
	}
	for _, r := range b.RiskRows {
		out = append(out, vectors.NewRecord("op.risk", "market", vectors.Int(r.Market), "underlying",
			vectors.Int(r.Underlying), "range", vectors.Int(r.RangePpm), "shortminimum", vectors.Int(r.ShortMinimum),
			"pnl", ints(r.Pnl[:]...)))
	}
	for _, dep := range b.Deposits {
		out = append(out, vectors.NewRecord("op.deposit", "account", vectors.Int(dep.Account), "amount",
			vectors.Int(dep.Amount), "sender", vectors.Fe(dep.Sender), "keyx", vectors.Fe(dep.Key.X), "keyy",
			vectors.Fe(dep.Key.Y), "blinding", vectors.Fe(dep.Blinding), "refund", strconv.FormatBool(dep.Refund)))
	}
	o := orderLabels{domain: d, labels: map[string]string{}}
	for _, t := range b.Trades {
		maker, taker := o.label(&out, t.Maker), o.label(&out, t.Taker)
		out = append(out, vectors.NewRecord("op.trade", "maker", maker, "taker", taker, "quantity", vectors.Int(t.Quantity),
			"price", vectors.Int(t.Price), "makerfee", vectors.Int(t.MakerFee), "takerfee", vectors.Int(t.TakerFee)))
	}
	for _, wd := range b.Withdrawals {
		out = append(out, vectors.NewRecord("op.withdraw", "account", vectors.Int(wd.Account), "amount",
			vectors.Int(wd.Amount), "recipient", vectors.Fe(wd.Recipient), "nonce", vectors.Int(wd.Nonce),
			"hash", vectors.Fe(wd.WithdrawalMessage.Hash(d)), "sig", vectors.Bytes(wd.Signature)))
	}
	for _, e := range b.Expiries {
		out = append(out, vectors.NewRecord("op.expiry", "account", vectors.Int(e.Account), "market", vectors.Int(e.Market)))
	}
	for _, s := range b.Switches {
		out = append(out, vectors.NewRecord("op.switch", "account", vectors.Int(s.Account), "mode",
			vectors.Int(s.Mode), "request", vectors.Int(s.RequestID), "hash", vectors.Fe(s.Hash(d)), "sig",
			vectors.Bytes(s.Signature)))
	}
	for _, l := range b.Liquidations {
		out = append(out, vectors.NewRecord("op.liquidation", "account", vectors.Int(l.Account), "surplus",
			vectors.Int(l.Surplus), "covered", vectors.Int(l.Covered), "uncovered", vectors.Int(l.Uncovered)))
		for _, c := range l.Closes {
			out = append(out, o.close(&out, "op.close", c))
		}
		for _, t := range l.Takeovers {
			out = append(out, vectors.NewRecord("op.takeover", "market", vectors.Int(t.Market), "quantity",
				vectors.Int(t.Quantity), "price", vectors.Int(t.Price)))
		}
		if l.Adl != nil {
			out = append(out, vectors.NewRecord("op.adl", "covered", vectors.Int(l.Adl.Covered)))
			for _, f := range l.Adl.Fills {
				out = append(out, vectors.NewRecord("op.adlfill", "counterparty", vectors.Int(f.Counterparty), "market",
					vectors.Int(f.Market), "quantity", vectors.Int(f.Quantity), "price", vectors.Int(f.Price)))
			}
		}
	}
	for _, c := range b.Unwinds {
		out = append(out, o.close(&out, "op.unwind", c))
	}
	for _, r := range b.Requests {
		s := r.Signature
		out = append(out, vectors.NewRecord("op.request", "account", vectors.Int(r.Account), "nonce",
			vectors.Int(r.Nonce), "maxamount", vectors.Int(r.Amount), "recipient", vectors.Fe(r.Recipient),
			"hash", vectors.Fe(r.ForcedHash(d)), "rx", vectors.Fe(s.RX), "ry", vectors.Fe(s.RY), "s", vectors.Fe(s.S)))
	}
	return out
}

// orderLabels names each signed order of a batch o1, o2, ... in order of first use.
type orderLabels struct {
	domain layout.Domain
	labels map[string]string
}

// label returns the order's label, first appending its op.order record if it is new.
func (o *orderLabels) label(out *[]vectors.Record, s ledger.SignedOrder) string {
	if label, ok := o.labels[string(s.Signature)]; ok {
		return label
	}
	label := "o" + itoa(len(o.labels)+1)
	o.labels[string(s.Signature)] = label
	*out = append(*out, vectors.NewRecord("op.order", "label", label, "account", vectors.Int(s.Account),
		"market", vectors.Int(s.Market), "id", vectors.Int(s.ClientOrderID), "side", vectors.Int(s.Side),
		"type", vectors.Int(s.Type), "price", vectors.Int(s.Price), "quantity", vectors.Int(s.Quantity),
		"reduceonly", vectors.Int(s.ReduceOnly), "expiry", vectors.Int(s.Expiry), "stp", vectors.Int(s.Stp),
		"hash", vectors.Fe(s.Order.Hash(o.domain)), "sig", vectors.Bytes(s.Signature)))
	return label
}

// close is a close-into-book or unwind record: the maker's label, the fill and the fees.
func (o *orderLabels) close(out *[]vectors.Record, kind string, c ledger.Close) vectors.Record {
	return vectors.NewRecord(kind, "maker", o.label(out, c.Maker), "quantity", vectors.Int(c.Quantity), "price",
		vectors.Int(c.Price), "makerfee", vectors.Int(c.MakerFee), "takerfee", vectors.Int(c.TakerFee))
}
