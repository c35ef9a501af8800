package vectors

import (
	"math/big"
	"math/rand/v2"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards"

	"sable/circuits/layout"
	"sable/circuits/sig"
)

// Header heads go.txt.
const Header = `Sable cross-language test vectors, made by Go (gnark-crypto v0.21.0).
Regenerate: cd circuits && go run ./cmd/vectors   (deterministic: same bytes every run)
Checked by: sequencer GoVectorsTest (Java); the Go side checks testdata/vectors/java.txt.`

// Generate returns the Go-made vectors; a fixed seed makes them the same on every run.
func Generate() []Record {
	g := &generator{rng: rand.New(rand.NewPCG(2026, 4)), d: NewDeriver()}
	g.field()
	g.poseidon2()
	g.eddsa()
	g.leaves()
	g.messages()
	g.tree("go-a", 24, 40)
	return g.out
}

type generator struct {
	rng *rand.Rand
	d   *Deriver
	out []Record
}

func (g *generator) add(kind string, inputs ...string) Record {
	r := g.d.Complete(kind, inputs...)
	g.out = append(g.out, r)
	return r
}

func (g *generator) element() fr.Element {
	var b [32]byte
	for i := range b {
		b[i] = byte(g.rng.Uint32())
	}
	var e fr.Element
	e.SetBytes(b[:]) // reduces mod r
	return e
}

func (g *generator) bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.rng.Uint32())
	}
	return b
}

func (g *generator) int63() int64 { return g.rng.Int64() }

func edges() []fr.Element {
	var minusOne fr.Element
	minusOne.SetOne().Neg(&minusOne)
	return []fr.Element{{}, fr.One(), minusOne}
}

func (g *generator) field() {
	for _, x := range []int64{0, 1, -1, 42, -42, 1<<63 - 1, -1 << 63} {
		g.add("fr.int", "x", Int(x))
	}
	r := fr.Modulus()
	rMinusOne := new(big.Int).Sub(r, big.NewInt(1))
	allOnes := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	for _, v := range []*big.Int{rMinusOne, r, new(big.Int).Add(r, big.NewInt(1)), allOnes} {
		g.add("fr.decode", "bytes", Bytes(v.FillBytes(make([]byte, 32))))
	}
	g.add("fr.decode", "bytes", Bytes(make([]byte, 31)))
	for _, name := range []string{"sable.account.v1", "sable.position.v1", "sable.fill.v1", "sable.market.v1",
		"sable.order.v1", "sable.cancel.v1", "sable.withdraw.v1"} {
		g.add("tag", "name", name)
	}
}

func (g *generator) poseidon2() {
	pairs := [][2]fr.Element{{fr.NewElement(1), fr.NewElement(2)}}
	for _, a := range edges() {
		for _, b := range edges() {
			pairs = append(pairs, [2]fr.Element{a, b})
		}
	}
	for range 8 {
		pairs = append(pairs, [2]fr.Element{g.element(), g.element()})
	}
	for _, p := range pairs {
		g.add("poseidon2.permutation", "in", Fes(p[:]))
		g.add("poseidon2.compress", "left", Fe(p[0]), "right", Fe(p[1]))
	}
	g.add("poseidon2.hash", "in", Fes([]fr.Element{fr.NewElement(1)}))
	g.add("poseidon2.hash", "in", Fes([]fr.Element{fr.NewElement(1), fr.NewElement(2)}))
	for n := 1; n <= 12; n++ {
		in := make([]fr.Element, n)
		for i := range in {
			in[i] = g.element()
		}
		g.add("poseidon2.hash", "in", Fes(in))
	}
}

func (g *generator) eddsa() {
	var seeds [][]byte
	for range 6 {
		seed := g.bytes(32)
		seeds = append(seeds, seed)
		g.add("eddsa.key", "seed", Bytes(seed))
	}
	var good []Record
	for i, seed := range seeds {
		msgs := []fr.Element{g.element(), fr.NewElement(uint64(i))}
		for _, m := range msgs {
			good = append(good, g.add("eddsa.sig", "seed", Bytes(seed), "msg", Fe(m)))
		}
	}
	g.badPublicKeys(seeds[0])
	g.badSignatures(good[0], good[2])
}

func encode(p twistededwards.PointAffine) string {
	b := p.Bytes()
	return Bytes(b[:])
}

// smallOrderPoint finds a point of order 8 by clearing the prime-order part of a random point.
func (g *generator) smallOrderPoint() twistededwards.PointAffine {
	params := twistededwards.GetEdwardsCurve()
	for {
		var p twistededwards.PointAffine
		p.Y = g.element()
		b := p.Y.Bytes()
		for i, j := 0, 31; i < j; i, j = i+1, j-1 {
			b[i], b[j] = b[j], b[i]
		}
		if _, err := p.SetBytes(b[:]); err != nil || !p.IsOnCurve() {
			continue
		}
		var q, q4 twistededwards.PointAffine
		q.ScalarMultiplication(&p, &params.Order)
		q4.ScalarMultiplication(&q, big.NewInt(4))
		if !q4.IsZero() {
			return q
		}
	}
}

func (g *generator) badPublicKeys(seed []byte) {
	k, _ := sig.KeyFromSeed(seed)
	t8 := g.smallOrderPoint()
	var t4, t2, mixed twistededwards.PointAffine
	t4.Double(&t8)
	t2.Double(&t4)
	mixed.Add(&k.PublicKey.A, &t8)
	identity := twistededwards.NewPointAffine(fr.Element{}, fr.One())
	bad := map[string]string{}
	order := []string{"identity", "order-2", "order-4", "order-8", "key-plus-torsion", "not-on-curve",
		"y-not-reduced", "zero-x-with-sign"}
	bad["identity"] = encode(identity)
	bad["order-2"] = encode(t2)
	bad["order-4"] = encode(t4)
	bad["order-8"] = encode(t8)
	bad["key-plus-torsion"] = encode(mixed)
	bad["not-on-curve"] = g.offCurveEncoding()
	bad["y-not-reduced"] = Bytes(unreducedY(k.PublicKey.A))
	signed := ParseBytes(encode(t2))
	signed[31] |= 0x80
	bad["zero-x-with-sign"] = Bytes(signed)
	for _, why := range order {
		g.add("eddsa.pubkey.bad", "why", why, "pub", bad[why])
	}
}

// offCurveEncoding finds a y for which no x puts (x, y) on the curve.
func (g *generator) offCurveEncoding() string {
	for {
		y := g.element()
		var p twistededwards.PointAffine
		b := y.Bytes()
		le := make([]byte, 32)
		for i := range le {
			le[i] = b[31-i]
		}
		if _, err := p.SetBytes(le); err == nil && !p.IsOnCurve() && le[31]&0x80 == 0 {
			return Bytes(le)
		}
	}
}

// unreducedY encodes p with y + r in place of y (still below 2^255, so the flag bit is free).
func unreducedY(p twistededwards.PointAffine) []byte {
	enc := p.Bytes()
	flag := enc[31] & 0x80
	var y big.Int
	p.Y.BigInt(&y)
	y.Add(&y, fr.Modulus())
	be := y.FillBytes(make([]byte, 32))
	le := make([]byte, 32)
	for i := range le {
		le[i] = be[31-i]
	}
	le[31] |= flag
	return le
}

func (g *generator) badSignatures(good, other Record) {
	pub, msg, s := good.Get("pub"), ParseFe(good.Get("msg")), ParseBytes(good.Get("sig"))
	params := twistededwards.GetEdwardsCurve()
	tampered := func(f func(b []byte) []byte) string {
		return Bytes(f(append([]byte(nil), s...)))
	}
	var msgPlusOne fr.Element
	msgPlusOne.SetOne().Add(&msgPlusOne, &msg)
	sPlusL := tampered(func(b []byte) []byte {
		var x big.Int
		x.SetBytes(b[32:]).Add(&x, &params.Order)
		x.FillBytes(b[32:])
		return b
	})
	var r twistededwards.PointAffine
	if _, err := r.SetBytes(s[:32]); err != nil {
		panic(err)
	}
	t8 := g.smallOrderPoint()
	var rMixed twistededwards.PointAffine
	rMixed.Add(&r, &t8)
	cases := []struct{ why, pub, msg, sig string }{
		{"wrong-message", pub, Fe(msgPlusOne), Bytes(s)},
		{"other-key", other.Get("pub"), Fe(msg), Bytes(s)},
		{"s-plus-l", pub, Fe(msg), sPlusL},
		{"s-zero", pub, Fe(msg), tampered(func(b []byte) []byte { clear(b[32:]); return b })},
		{"s-all-ones", pub, Fe(msg), tampered(func(b []byte) []byte {
			for i := 32; i < 64; i++ {
				b[i] = 0xff
			}
			return b
		})},
		{"r-plus-torsion", pub, Fe(msg), tampered(func(b []byte) []byte { e := rMixed.Bytes(); copy(b, e[:]); return b })},
		{"r-y-not-reduced", pub, Fe(msg), tampered(func(b []byte) []byte { copy(b, unreducedY(r)); return b })},
		{"short", pub, Fe(msg), Bytes(s[:63])},
	}
	for _, c := range cases {
		g.add("eddsa.sig.bad", "why", c.why, "pub", c.pub, "msg", c.msg, "sig", c.sig)
	}
}

func (g *generator) leaves() {
	k, _ := sig.KeyFromSeed(g.bytes(32))
	zero := fr.Element{}
	g.add("leaf.account", "pkx", Fe(k.PublicKey.A.X), "pky", Fe(k.PublicKey.A.Y), "collateral", Int(1_000_000_000),
		"nonce", Int(3), "positions", Fe(g.element()), "fills", Fe(g.element()))
	g.add("leaf.account", "pkx", Fe(zero), "pky", Fe(zero), "collateral", Int(0), "nonce", Int(0),
		"positions", Fe(zero), "fills", Fe(zero))
	g.add("leaf.account", "pkx", Fe(k.PublicKey.A.X), "pky", Fe(k.PublicKey.A.Y), "collateral", Int(-12_345),
		"nonce", Int(0), "positions", Fe(g.element()), "fills", Fe(zero))
	for _, p := range [][3]int64{{0, 0, 0}, {5, 250_000, -12}, {-7, -350_000, 9}, {1<<62 + 1, -1 << 62, 1<<63 - 1}} {
		g.add("leaf.position", "size", Int(p[0]), "cost", Int(p[1]), "funding", Int(p[2]))
	}
	for _, f := range [][2]int64{{0, 0}, {1025, 17}, {g.int63(), layout.FillClosed}} {
		g.add("leaf.fill", "id", Int(f[0]), "filled", Int(f[1]))
	}
	g.add("leaf.market", "tick", Int(100), "lot", Int(1_000), "imr", Int(100_000), "mmr", Int(50_000),
		"maker", Int(-100), "taker", Int(500), "maxpos", Int(1_000_000_000), "maxprice", Int(1_000_000_000),
		"funding", Int(-123_456), "mark", Int(65_000_000))
}

func (g *generator) messages() {
	contract := Fe(*new(fr.Element).SetBigInt(new(big.Int).SetBytes(g.bytes(20))))
	for _, chain := range []int64{1, 31337} {
		c := Int(chain)
		g.add("msg.order", "chain", c, "contract", contract, "account", Int(12345), "market", Int(3),
			"id", Int(g.int63()), "side", Int(0), "type", Int(0), "price", Int(65_012_300), "quantity", Int(25_000),
			"reduceonly", Int(0), "expiry", Int(1_790_000_000), "stp", Int(0))
		g.add("msg.order", "chain", c, "contract", contract, "account", Int(1<<24-1), "market", Int(255),
			"id", Int(0), "side", Int(1), "type", Int(4), "price", Int(1<<62), "quantity", Int(1<<62),
			"reduceonly", Int(1), "expiry", Int(0), "stp", Int(2))
		g.add("msg.cancel", "chain", c, "contract", contract, "account", Int(12345), "id", Int(77))
		recipient := new(fr.Element).SetBigInt(new(big.Int).SetBytes(g.bytes(20)))
		g.add("msg.withdraw", "chain", c, "contract", contract, "account", Int(12345), "amount", Int(5_000_000),
			"recipient", Fe(*recipient), "nonce", Int(0))
	}
}

// tree records a sequence of updates (fresh leaves, overwrites, resets to empty) and proofs.
func (g *generator) tree(name string, depth int, n int) {
	d := Int(int64(depth))
	indices := []int64{0, 1, 2, 3, 7, 1 << 20, 1<<depth - 1, 1<<depth - 2}
	for len(indices) < n {
		indices = append(indices, g.rng.Int64N(1<<depth))
	}
	for i, index := range indices {
		leaf := g.element()
		switch {
		case i%9 == 8:
			leaf = fr.Element{} // reset to empty
		case i%7 == 6:
			index = indices[i/2] // overwrite an earlier leaf
		}
		g.add("smt.update", "tree", name, "depth", d, "index", Int(index), "new", Fe(leaf))
		if i%5 == 4 {
			g.add("smt.proof", "tree", name, "depth", d, "index", Int(indices[i/3]))
		}
	}
	g.add("smt.proof", "tree", name, "depth", d, "index", Int(12345)) // an empty leaf
}
