package vectors

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"

	"sable/circuits/layout"
	"sable/circuits/sig"
	"sable/circuits/smt"
)

// Deriver computes every vector's outputs from its inputs. The generator uses it to fill records,
// the checker to recompute them; smt records replay on named trees, in file order.
type Deriver struct {
	trees map[string]*smt.Tree
}

// NewDeriver starts with no trees.
func NewDeriver() *Deriver { return &Deriver{trees: map[string]*smt.Tree{}} }

// Complete builds a record from its inputs and appends the derived outputs.
func (d *Deriver) Complete(kind string, inputs ...string) Record {
	r := NewRecord(kind, inputs...)
	out, err := d.derive(r)
	if err != nil {
		panic(fmt.Sprintf("%s: %v", r, err))
	}
	for i := 0; i < len(out); i += 2 {
		r.Keys = append(r.Keys, out[i])
		r.Values[out[i]] = out[i+1]
	}
	return r
}

// Check recomputes a record's outputs and compares them with the record; signatures are also
// verified as given.
func (d *Deriver) Check(r Record) error {
	out, err := d.derive(r)
	if err != nil {
		return fmt.Errorf("%s: %w", r, err)
	}
	for i := 0; i < len(out); i += 2 {
		if got := r.Get(out[i]); got != out[i+1] {
			return fmt.Errorf("%s: %s is %s, expected %s", r, out[i], got, out[i+1])
		}
	}
	if r.Kind == "eddsa.sig" {
		pk, err := sig.ParsePublicKey(ParseBytes(r.Get("pub")))
		if err != nil {
			return fmt.Errorf("%s: %w", r, err)
		}
		if ok, err := sig.Verify(pk, ParseBytes(r.Get("sig")), ParseFe(r.Get("msg"))); !ok || err != nil {
			return fmt.Errorf("%s: signature rejected (%v)", r, err)
		}
	}
	return nil
}

func (d *Deriver) derive(r Record) ([]string, error) {
	fe := func(k string) fr.Element { return ParseFe(r.Get(k)) }
	i64 := func(k string) int64 { return ParseInt(r.Get(k)) }
	switch r.Kind {
	case "fr.int":
		return []string{"fe", Fe(layout.Int(i64("x")))}, nil
	case "fr.decode":
		var e fr.Element
		return []string{"accepted", fmt.Sprint(e.SetBytesCanonical(ParseBytes(r.Get("bytes"))) == nil)}, nil
	case "tag":
		return []string{"fe", Fe(layout.Tag(r.Get("name")))}, nil
	case "poseidon2.permutation":
		state := ParseFes(r.Get("in"))
		if err := poseidon2.NewDefaultPermutation().Permutation(state); err != nil {
			return nil, err
		}
		return []string{"out", Fes(state)}, nil
	case "poseidon2.compress":
		return []string{"out", Fe(smt.Compress(fe("left"), fe("right")))}, nil
	case "poseidon2.hash":
		return []string{"out", Fe(layout.Hash(ParseFes(r.Get("in"))...))}, nil
	case "eddsa.key":
		k, err := sig.KeyFromSeed(ParseBytes(r.Get("seed")))
		if err != nil {
			return nil, err
		}
		return []string{"pub", Bytes(k.PublicKey.Bytes()), "x", Fe(k.PublicKey.A.X), "y", Fe(k.PublicKey.A.Y),
			"scalar", Bytes(k.Bytes()[32:64])}, nil
	case "eddsa.sig":
		k, err := sig.KeyFromSeed(ParseBytes(r.Get("seed")))
		if err != nil {
			return nil, err
		}
		s, err := sig.Sign(k, fe("msg"))
		if err != nil {
			return nil, err
		}
		return []string{"pub", Bytes(k.PublicKey.Bytes()), "sig", Bytes(s)}, nil
	case "eddsa.pubkey.bad":
		_, err := sig.ParsePublicKey(ParseBytes(r.Get("pub")))
		return []string{"accepted", fmt.Sprint(err == nil)}, nil
	case "eddsa.sig.bad":
		ok := false
		if pk, err := sig.ParsePublicKey(ParseBytes(r.Get("pub"))); err == nil {
			ok, _ = sig.Verify(pk, ParseBytes(r.Get("sig")), fe("msg"))
		}
		return []string{"accepted", fmt.Sprint(ok)}, nil
	case "leaf.account":
		a := layout.Account{PubKeyX: fe("pkx"), PubKeyY: fe("pky"), Collateral: i64("collateral"),
			Nonce: i64("nonce"), PositionsRoot: fe("positions"), FillsRoot: fe("fills")}
		return []string{"leaf", Fe(a.Leaf())}, nil
	case "leaf.position":
		p := layout.Position{Size: i64("size"), Cost: i64("cost"), FundingIndex: i64("funding")}
		return []string{"leaf", Fe(p.Leaf())}, nil
	case "leaf.fill":
		return []string{"leaf", Fe(layout.Fill{ClientOrderID: i64("id"), Filled: i64("filled")}.Leaf())}, nil
	case "leaf.market":
		m := layout.Market{TickSize: i64("tick"), LotSize: i64("lot"), InitialMarginPpm: i64("imr"),
			MaintenanceMarginPpm: i64("mmr"), MakerFeePpm: i64("maker"), TakerFeePpm: i64("taker"),
			MaxPosition: i64("maxpos"), MaxPrice: i64("maxprice"), FundingIndex: i64("funding"), MarkPrice: i64("mark")}
		return []string{"leaf", Fe(m.Leaf())}, nil
	case "msg.order":
		o := layout.Order{AccountIndex: i64("account"), MarketID: i64("market"), ClientOrderID: i64("id"),
			Side: i64("side"), Type: i64("type"), Price: i64("price"), Quantity: i64("quantity"),
			ReduceOnly: i64("reduceonly"), Expiry: i64("expiry"), Stp: i64("stp")}
		return []string{"hash", Fe(o.Hash(domain(r)))}, nil
	case "msg.cancel":
		c := layout.Cancel{AccountIndex: i64("account"), ClientOrderID: i64("id")}
		return []string{"hash", Fe(c.Hash(domain(r)))}, nil
	case "msg.withdraw":
		w := layout.Withdrawal{AccountIndex: i64("account"), Amount: i64("amount"), Recipient: fe("recipient"), Nonce: i64("nonce")}
		return []string{"hash", Fe(w.Hash(domain(r)))}, nil
	case "smt.update":
		t := d.tree(r)
		u, err := t.Set(uint64(i64("index")), fe("new"))
		if err != nil {
			return nil, err
		}
		return []string{"old", Fe(u.OldLeaf), "oldroot", Fe(u.OldRoot), "newroot", Fe(u.NewRoot), "siblings", Fes(u.Siblings)}, nil
	case "smt.proof":
		t := d.tree(r)
		index := uint64(i64("index"))
		siblings := t.Proof(index)
		if smt.RootOf(index, t.Leaf(index), siblings) != t.Root() {
			return nil, fmt.Errorf("proof does not fold to the root")
		}
		return []string{"leaf", Fe(t.Leaf(index)), "root", Fe(t.Root()), "siblings", Fes(siblings)}, nil
	}
	return nil, fmt.Errorf("unknown vector kind %q", r.Kind)
}

func domain(r Record) layout.Domain {
	return layout.Domain{ChainID: ParseInt(r.Get("chain")), Contract: ParseFe(r.Get("contract"))}
}

func (d *Deriver) tree(r Record) *smt.Tree {
	name := r.Get("tree")
	t, ok := d.trees[name]
	if !ok {
		t = smt.New(int(ParseInt(r.Get("depth"))))
		d.trees[name] = t
	}
	return t
}
